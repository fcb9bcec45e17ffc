/* syserr.h: system errors (errno) said in the users' language. */
#ifndef SHUZHI_SYSERR_H
#define SHUZHI_SYSERR_H

/* A Chinese description of e for the common cases, else strerror(e). */
const char	*syserr(int e);

#endif
