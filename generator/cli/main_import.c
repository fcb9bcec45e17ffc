/* main_import.c: entry point of shuzhi-import, which `shuzhi import` runs (see helper.c). */
#include "commands.h"
#include "../util/tempfiles.h"

int
main(int argc, char **argv)
{
	tempfiles_on_signals();
	return cmd_import(argc, argv);
}
