// The fuzz targets: one entry point per parser that takes arbitrary bytes,
// runs the parser over them and checks what must hold whatever the input
// (every row accounted for, a valid value re-parses to itself, ...). The
// libFuzzer programs (fuzz/fuzzer.cc) and the regression test that replays
// the inputs they found (tests/fuzz_regression_test.cc) share them, so that a
// saved crash input reproduces the same way in both.
//
// A broken invariant comes back as an error; crashes, leaks and undefined
// behaviour are the sanitizers' to report.
#ifndef QINGLIAN_FUZZ_TARGETS_H_
#define QINGLIAN_FUZZ_TARGETS_H_

#include <span>
#include <string>
#include <string_view>

#include "qinglian/app/catalog.h"
#include "qinglian/base/date.h"
#include "qinglian/base/status.h"

namespace qinglian::fuzz {

struct Target {
  const char* name;  // also the name of its corpus directory
  Status (*run)(std::string_view data);
};

// Every target, in a fixed order.
std::span<const Target> Targets();
// The target called `name`, or nullptr.
const Target* FindTarget(std::string_view name);

// The targets themselves (fuzz/text_targets.cc, fuzz/loader_targets.cc,
// fuzz/file_targets.cc).
Status FuzzCsv(std::string_view data);
Status FuzzIdNumber(std::string_view data);
Status FuzzDate(std::string_view data);
Status FuzzBac(std::string_view data);
Status FuzzEmployees(std::string_view data);
Status FuzzOffences(std::string_view data);
Status FuzzFeedback(std::string_view data);
Status FuzzXlsx(std::string_view data);
Status FuzzModel(std::string_view data);
Status FuzzRecordKind(std::string_view data);

// The data files the program is built with (record kinds, the offence
// vocabulary, models), read once.
const Catalog& BuiltInCatalog();

// The day the targets take for today, so that an input means the same on
// every day it is replayed.
Date FuzzToday();

// The first byte of an input, used as option bits, and the rest. An empty
// input gives 0 and nothing.
struct Flags {
  explicit Flags(std::string_view data)
      : bits(data.empty() ? 0 : static_cast<unsigned char>(data[0])),
        rest(data.empty() ? data : data.substr(1)) {}
  unsigned bits;
  std::string_view rest;
};

}  // namespace qinglian::fuzz

#endif  // QINGLIAN_FUZZ_TARGETS_H_
