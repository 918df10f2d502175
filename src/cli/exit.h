// How a command ends: its exit code, and one line on stderr when it fails.
#ifndef QINGLIAN_CLI_EXIT_H_
#define QINGLIAN_CLI_EXIT_H_

#include <string>

#include "qinglian/base/status.h"

namespace qinglian::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
constexpr int kExitRejected = 3;  // a run refused for its reject rate or an empty input

// Prints "qinglian: <message>" on stderr (control characters shown, not
// sent; in Chinese when the message language is and the message table has
// it, see messages.h) and returns kExitFailure.
int Fail(const std::string& message);
int Fail(const Status& status);
// The same, returning kExitUsage.
int Usage(const std::string& message);
// The same without ending anything: a line of a longer complaint.
void Complain(const std::string& message);

}  // namespace qinglian::cli

#endif  // QINGLIAN_CLI_EXIT_H_
