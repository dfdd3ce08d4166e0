// Runs the test process's logging set-up before any test (see TestLogging.swift).
#pragma once
