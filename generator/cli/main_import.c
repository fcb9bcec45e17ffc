/* main_import.c: entry point of shuzhi-import, which `shuzhi import` runs (see helper.c). */
#include "commands.h"

int
main(int argc, char **argv)
{
	return cmd_import(argc, argv);
}
