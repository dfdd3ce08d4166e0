#ifndef EGOVKIT_BENCH_COPENSSL_SHIM_H
#define EGOVKIT_BENCH_COPENSSL_SHIM_H

#include <openssl/opensslv.h>
#if OPENSSL_VERSION_MAJOR < 3
#error "EGovKit requires OpenSSL 3.0 or later"
#endif

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ec.h>
#include <openssl/rsa.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#endif
