/* main_docx.c: entry point of shuzhi-docx, which `shuzhi docx` and `shuzhi build` run (see helper.c). */
#include "commands.h"
#include "../util/tempfiles.h"

int
main(int argc, char **argv)
{
	tempfiles_on_signals();
	return cmd_docx(argc, argv);
}
