#include "cli/exit.h"

#include <iostream>

#include "cli/messages.h"
#include "qinglian/base/text.h"

namespace qinglian::cli {

void Complain(const std::string& message) {
  // File names and cells come from outside: none may send a control sequence.
  std::cerr << "qinglian: " << TerminalText(Translate(message, MessageLang())) << "\n";
}

int Fail(const std::string& message) {
  Complain(message);
  return kExitFailure;
}

int Fail(const Status& status) { return Fail(status.message()); }

int Usage(const std::string& message) {
  Complain(message);
  return kExitUsage;
}

}  // namespace qinglian::cli
