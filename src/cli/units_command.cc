// qinglian units [--format table|json] [--runs N]
// qinglian units alias VARIANT --to NAME
// qinglian units aliases
// qinglian units expect NAME PERSONS
// Units as the commission names them: coverage over the latest runs against
// the expected headcounts, and the spellings rosters use for them.
#include <iostream>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "cli/messages.h"
#include "qinglian/base/text.h"
#include "qinglian/output/unit_list.h"

namespace qinglian::cli {
namespace {

class UnitsCommand final : public Command {
 public:
  void Define(CLI::App& app) override {
    app.require_subcommand(0, 1);
    app.add_option("--format", opt_.format, "table or json")
        ->check(CLI::IsMember({"table", "json"}));
    app.add_option("--runs", opt_.runs, "how many of the latest runs to show (default 3)")
        ->check(CLI::Range(1, 100));
    alias_ = app.add_subcommand("alias", "store a spelling of a unit's name, mapped to its name");
    alias_->add_option("variant", opt_.variant, "the spelling rosters use")->required();
    alias_->add_option("--to", opt_.name, "the unit's official name")->required();
    aliases_ = app.add_subcommand("aliases", "list the stored spellings");
    expect_ =
        app.add_subcommand("expect", "set a unit's expected headcount (persons); 0 removes it");
    expect_->add_option("name", opt_.name, "the unit")->required();
    expect_->add_option("persons", opt_.persons, "expected persons")
        ->required()
        ->check(CLI::Range(0, 100000000));
  }

  int Run(const Globals& g) override {
    const bool writes = alias_->parsed() || expect_->parsed();
    Result<std::unique_ptr<Store>> store =
        OpenStore(g, writes ? StoreAccess::kCreate : StoreAccess::kRead);
    if (!store.ok()) return Fail(store.status());
    Store& st = **store;
    if (alias_->parsed()) {
      AuditEntry audit = MakeAudit(g);
      const std::string variant = CleanField(opt_.variant), name = CleanField(opt_.name);
      if (Status s = st.SetUnitAlias(variant, name, &audit); !s.ok()) return Fail(s);
      std::cout << TerminalText(variant + " -> " + name) << "\n";
      return kExitOk;
    }
    if (expect_->parsed()) {
      Result<std::vector<UnitAlias>> aliases = st.UnitAliases();
      if (!aliases.ok()) return Fail(aliases.status());
      if (CleanField(opt_.name).empty()) return Usage("units expect: the unit's name is empty");
      Result<std::vector<std::string>> units = st.Units();
      if (!units.ok()) return Fail(units.status());
      // A headcount belongs to the official name, whatever spelling or part of
      // it is typed; a name no unit has is a unit not seen yet.
      bool seen = true;
      Result<std::string> unit = UnitForExpectation(opt_.name, *units, *aliases, &seen);
      if (!unit.ok()) return Fail("units expect: " + unit.error());
      const std::string name = *unit;
      AuditEntry audit = MakeAudit(g);
      if (Status s = st.SetUnitExpectation(name, opt_.persons, &audit); !s.ok()) return Fail(s);
      const std::string not_seen = seen ? "" : Say(Msg::kUnitNotSeen);
      std::cout << TerminalText(opt_.persons
                                    ? Say(Msg::kExpectationSet, name, opt_.persons, not_seen)
                                    : Say(Msg::kExpectationRemoved, name, not_seen))
                << "\n";
      return kExitOk;
    }
    if (aliases_->parsed()) {
      Result<std::vector<UnitAlias>> aliases = st.UnitAliases();
      if (!aliases.ok()) return Fail(aliases.status());
      std::cout << TerminalText(FormatAliasTable(*aliases, g.language()), true);
      return kExitOk;
    }
    Result<UnitHistory> h = st.UnitCoverage(opt_.runs);
    if (!h.ok()) return Fail(h.status());
    std::cout << (opt_.format == "json" ? FormatUnitJson(*h)
                                        : TerminalText(FormatUnitTable(*h, g.language()), true));
    return kExitOk;
  }

 private:
  CLI::App* alias_ = nullptr;
  CLI::App* aliases_ = nullptr;
  CLI::App* expect_ = nullptr;
  struct {
    std::string format = "table", variant, name;
    size_t runs = 3;
    uint64_t persons = 0;
  } opt_;
};

}  // namespace

std::unique_ptr<Command> MakeUnitsCommand() { return std::make_unique<UnitsCommand>(); }

}  // namespace qinglian::cli
