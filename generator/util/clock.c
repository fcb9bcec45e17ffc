/* clock.c: a monotonic clock, and the stage timings of "shuzhi build --timings". */
#include <time.h>

#include "clock.h"

double
clock_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

void
timings_lap(struct timings *t, double *stage)
{
	double now = clock_seconds();

	if (stage != NULL)
		*stage += now - t->last;
	t->last = now;
}

void
timings_print(FILE *f, const struct timings *t)
{
	double total = t->load + t->check + t->render + t->typeset + t->write;

	fprintf(f, "shuzhi: 用时（毫秒）\n"
	    "  load     %8.2f  读取内容\n"
	    "  check    %8.2f  规则与字符检查（在另一线程，与生成、排版同时；这里是等它的时间）\n"
	    "  render   %8.2f  生成 Markdown\n"
	    "  typeset  %8.2f  排版与 PDF，其中：\n"
	    "    layout %8.2f  版式、字体、分行分页\n"
	    "    subset %8.2f  字体裁剪与压缩（另一线程，与分行同时；等待 %.2f）\n"
	    "    pdf    %8.2f  写 PDF（含压缩）\n"
	    "  write    %8.2f  写文件\n"
	    "  total    %8.2f\n",
	    t->load * 1e3, t->check * 1e3, t->render * 1e3, t->typeset * 1e3,
	    t->layout * 1e3, t->subset * 1e3, t->subset_wait * 1e3, t->pdf * 1e3,
	    t->write * 1e3, total * 1e3);
}
