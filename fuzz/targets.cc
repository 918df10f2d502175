#include "targets.h"

#include <cstdio>
#include <cstdlib>

namespace qinglian::fuzz {
namespace {

constexpr Target kTargets[] = {
    {"csv", FuzzCsv},           {"employees", FuzzEmployees}, {"offences", FuzzOffences},
    {"feedback", FuzzFeedback}, {"idcard", FuzzIdNumber},     {"date", FuzzDate},
    {"bac", FuzzBac},           {"xlsx", FuzzXlsx},           {"model", FuzzModel},
    {"kind", FuzzRecordKind},
};

}  // namespace

std::span<const Target> Targets() { return kTargets; }

const Target* FindTarget(std::string_view name) {
  for (const Target& t : kTargets)
    if (name == t.name) return &t;
  return nullptr;
}

const Catalog& BuiltInCatalog() {
  static const Catalog catalog = [] {
    Result<Catalog> c = LoadCatalog({});
    if (!c.ok()) {
      // Nothing can be fuzzed without the kinds: a broken build, not a finding.
      std::fprintf(stderr, "fuzz: cannot read the built-in data: %s\n", c.error().c_str());
      std::abort();
    }
    return std::move(*c);
  }();
  return catalog;
}

Date FuzzToday() { return Date::FromYmd(2026, 11, 26); }

}  // namespace qinglian::fuzz
