/* syserr.c: the errno values a user meets when reading and writing files, in Chinese. */
#include <errno.h>
#include <string.h>

#include "syserr.h"

const char *
syserr(int e)
{
	switch (e) {
	case ENOENT:	return "没有这个文件或文件夹";
	case EACCES:
	case EPERM:	return "没有权限";
	case EEXIST:	return "已经存在";
	case EISDIR:	return "这是一个文件夹";
	case ENOTDIR:	return "路径中有一项不是文件夹";
	case ENOSPC:	return "磁盘空间不足";
	case EDQUOT:	return "超出了磁盘配额";
	case EFBIG:	return "文件过大";
	case EROFS:	return "文件系统是只读的";
	case ENAMETOOLONG: return "文件名过长";
	case EMFILE:
	case ENFILE:	return "打开的文件过多";
	case EIO:	return "读写磁盘出错";
	case ENOMEM:	return "内存不足";
	case ELOOP:	return "符号链接的层数过多";
	case ETXTBSY:	return "文件正在使用";
	default:	return strerror(e);
	}
}
