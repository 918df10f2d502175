#include "qinglian/app/lead_filter.h"

#include <tuple>

#include "qinglian/base/clock.h"
#include "qinglian/base/text.h"
#include "qinglian/core/units.h"

namespace qinglian {

std::vector<std::string> ResolveLeadTypes(const std::string& text, const Catalog& catalog) {
  std::vector<std::string> codes;
  for (uint16_t t : catalog.vocabulary.Resolve(text))
    codes.push_back(catalog.vocabulary.types()[t].code);
  if (!codes.empty()) return codes;
  const std::string typed = NormaliseKeyword(text);
  for (const Model& m : catalog.models) {
    if (!m.types.empty()) continue;  // its leads take the offence types
    for (const std::string* name : {&m.name, &m.title_zh, &m.title_en})
      if (typed == NormaliseKeyword(*name)) return {m.name};
  }
  return {};
}

Result<LeadQuery> ResolveLeadFilter(const LeadFilter& f, Store& store, const Catalog& catalog) {
  LeadQuery q;
  if (!f.status.empty()) {
    q.status = ParseTerm<LeadStatus>(f.status);
    if (!q.status)
      return Status::Error("--status: unknown status '" + f.status + "' (" +
                           Choices<LeadStatus>(Lang::kEn) + ")");
  }
  q.run = f.run;
  q.created_in_latest_run = f.only_new;
  q.changed = f.changed;
  q.missing = f.missing;
  if (f.overdue) q.overdue_on = Today();
  q.limit = f.limit;
  if (!f.type.empty()) {
    q.types = ResolveLeadTypes(f.type, catalog);
    if (q.types.empty()) {
      std::vector<std::string> choices;
      for (const OffenceTypeInfo& t : catalog.vocabulary.types())
        choices.push_back(t.code + " " + t.zh);
      for (const OffenceGroupInfo& g : catalog.vocabulary.groups()) choices.push_back(g.zh);
      for (const Model& m : catalog.models)
        if (m.types.empty()) choices.push_back(m.name + " " + m.title_zh);
      return Status::Error("--type: unknown type '" + f.type + "' (types: " + Join(choices, ", ") +
                           ")");
    }
  }
  for (auto [flag, text, date] :
       {std::tuple{"--since", &f.since, &q.since}, {"--until", &f.until, &q.until}}) {
    if (text->empty()) continue;
    const Result<Date> d = ParseDate(*text);
    if (!d.ok()) return Status::Error(std::string(flag) + ": " + d.error());
    *date = *d;
  }
  if (!f.unit.empty()) {
    Result<std::vector<std::string>> units = store.Units();
    if (!units.ok()) return units.status();
    Result<std::vector<UnitAlias>> aliases = store.UnitAliases();
    if (!aliases.ok()) return aliases.status();
    // A variant gives its official name; leads stored under a variant (found
    // before the alias was made) match the official name too.
    Result<std::string> unit = ResolveUnit(f.unit, *units, *aliases);
    if (!unit.ok()) return unit.status().WithContext("--unit");
    q.unit = *unit;
    q.unit_variants = UnitVariants(*unit, *aliases);
  }
  if (!f.person.empty()) {
    Result<std::vector<PersonName>> names = store.PersonNames();
    if (!names.ok()) return names.status();
    Result<std::string> person = MatchPerson(f.person, *names);
    if (!person.ok()) return person.status().WithContext("--person");
    q.id_number = *person;
  }
  return q;
}

Result<PersonQuery> ResolvePersonFilter(const LeadFilter& f, int64_t min_leads, Store& store,
                                        const Catalog& catalog) {
  const Result<LeadQuery> leads = ResolveLeadFilter(f, store, catalog);
  if (!leads.ok()) return leads.status();
  PersonQuery q;
  q.unit = leads->unit;
  q.types = leads->types;
  q.status = leads->status;
  q.id_number = leads->id_number;
  q.min_leads = min_leads;
  return q;
}

}  // namespace qinglian
