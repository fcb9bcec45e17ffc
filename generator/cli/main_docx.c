/* main_docx.c: entry point of shuzhi-docx, which `shuzhi docx` and `shuzhi build` run (see helper.c). */
#include "commands.h"

int
main(int argc, char **argv)
{
	return cmd_docx(argc, argv);
}
