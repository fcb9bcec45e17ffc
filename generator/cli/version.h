/* version.h: the version of shuzhi. */
#define SHUZHI_VERSION "0.1.0"
