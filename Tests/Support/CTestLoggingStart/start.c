#include "CTestLoggingStart.h"

void egov_tests_bootstrap_logging(void);

// At load time, before swift-testing starts any test: a test that creates a Logger first would
// otherwise keep swift-log's default handler at `info`.
__attribute__((constructor)) static void egov_tests_start_logging(void) {
    egov_tests_bootstrap_logging();
}
