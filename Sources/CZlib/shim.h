#ifndef EGOVKIT_CZLIB_SHIM_H
#define EGOVKIT_CZLIB_SHIM_H
#include <zlib.h>
#endif
