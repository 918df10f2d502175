#include "qinglian/compare/comparator.h"

#include <algorithm>

#include "qinglian/base/sha256.h"
#include "qinglian/base/text.h"
#include "qinglian/core/bac.h"

namespace qinglian {
namespace {

// The part of the relation in time one roster record gives.
struct Span {
  bool holds = false;
  Date first, last;
};

Date EndOr(Date end, Date as_of) { return end.valid() ? end : as_of; }

Span Relate(const Model& m, const RecordSet& people, uint32_t p, const RecordSet& events,
            uint32_t e, Date as_of) {
  const Date s1 = people.start(p), e1 = EndOr(people.end(p), as_of);
  const Date day = events.start(e);
  switch (m.relation) {
    case Relation::kDuring:
      // A period still running covers any day after its start; the look-back
      // decides what is too late.
      if (s1 <= day && (!people.end(p).valid() || day <= e1)) return {true, day, day};
      return {};
    case Relation::kOverlap: {
      const Date first = std::max(s1, day), last = std::min(e1, EndOr(events.end(e), as_of));
      if (last.days() - first.days() + 1 >= m.min_overlap_days) return {true, first, last};
      return {};
    }
    case Relation::kAfter: {
      // Still on the roster more than after_days days after the event.
      if (e1.days() - day.days() <= m.after_days || e1 < s1) return {};
      return {true, std::max(s1, Date::FromDays(day.days() + 1)), e1};
    }
  }
  return {};
}

bool PassesFilters(const Model& m, const RecordSet& events, uint32_t e) {
  if (!m.Covers(events.type(e))) return false;
  return std::all_of(m.filters.begin(), m.filters.end(),
                     [&](const FieldFilter& f) { return f.Matches(events.text(e, f.field)); });
}

// Calendar months touched by [first, last]: allowances are paid by the month.
int64_t MonthsTouched(Date first, Date last) {
  return (last.year() - first.year()) * 12 + (last.month() - first.month()) + 1;
}

std::string NameOf(const RecordSet& set, uint32_t r) {
  const int f = set.kind().name_field;
  return f >= 0 ? NormaliseName(set.text(r, f)) : std::string();
}

// The roster record a lead is charged to: among those the relation holds for,
// the one whose name agrees with the record's, else the latest started (a
// person who took up a new post before leaving the old).
uint32_t ChargedTo(const RecordSet& people, const std::vector<uint32_t>& covering,
                   const std::string& event_name) {
  if (!event_name.empty())
    for (auto it = covering.rbegin(); it != covering.rend(); ++it)
      if (NameOf(people, *it) == event_name) return *it;
  return covering.back();
}

}  // namespace

std::vector<Match> Compare(const std::vector<ModelInput>& inputs, const CompareOptions& options,
                           CompareStats* stats) {
  stats->models.assign(inputs.size(), {});
  std::vector<Match> matches;
  // The models, grouped by the records they compare, in the order given.
  std::vector<const RecordSet*> sets;
  for (const ModelInput& in : inputs)
    if (std::find(sets.begin(), sets.end(), in.events) == sets.end()) sets.push_back(in.events);
  for (const RecordSet* events : sets) {
    for (uint32_t e = 0; e < events->size(); ++e) {
      bool on_roster = false, covered = false, related = false, in_window = false;
      for (uint16_t mi = 0; mi < inputs.size(); ++mi) {
        const ModelInput& in = inputs[mi];
        if (in.events != events) continue;
        const std::span<const uint32_t> records = in.roster->Find(events->key(e));
        if (records.empty()) continue;
        on_roster = true;
        if (!PassesFilters(*in.model, *events, e)) continue;
        covered = true;
        ++stats->models[mi].candidates;
        const RecordSet& people = in.roster->records();
        Match m;
        m.model = mi;
        m.event = e;
        for (uint32_t p : records) {
          const Span s = Relate(*in.model, people, p, *events, e, options.as_of);
          if (!s.holds) continue;
          if (m.covering.empty() || s.first < m.first) m.first = s.first;
          if (m.covering.empty() || s.last > m.last) m.last = s.last;
          m.covering.push_back(p);
        }
        if (m.covering.empty()) continue;
        related = true;
        const int years =
            options.lookback_years >= 0 ? options.lookback_years : in.model->lookback_years;
        // The look-back applies to the time the relation holds.
        const Date from = options.as_of.AddYears(-years);
        if (m.last < from || m.first > options.as_of) continue;
        in_window = true;
        const std::string event_name = NameOf(*events, e);
        m.record = ChargedTo(people, m.covering, event_name);
        // The time of the record the lead is charged to.
        const Span own = Relate(*in.model, people, m.record, *events, e, options.as_of);
        m.first = own.first;
        m.last = own.last;
        m.name_matches = event_name.empty() || event_name == NameOf(people, m.record);
        if (!m.name_matches) ++stats->name_mismatches;
        if (const int unit = people.kind().unit; unit >= 0) {
          std::vector<int64_t> units;
          for (uint32_t p : m.covering)
            if (std::find(units.begin(), units.end(), people.value(p, unit)) == units.end())
              units.push_back(people.value(p, unit));
          if (units.size() > 1) ++stats->concurrent;
        }
        if (in.model->monthly_amount >= 0) {
          const int64_t monthly = events->value(e, in.model->monthly_amount);
          if (monthly != kNoNumber) m.amount_fen = monthly * MonthsTouched(m.first, m.last);
        }
        ++stats->models[mi].leads;
        matches.push_back(std::move(m));
      }
      if (!on_roster) continue;
      ++stats->hits;
      if (events->type(e) == kOtherType && events->kind().label >= 0)
        ++stats->other_offences[std::string(events->text(e, events->kind().label))];
      if (!covered)
        ++stats->not_in_models;
      else if (!related)
        ++stats->outside_employment;
      else if (!in_window)
        ++stats->outside_lookback;
    }
  }
  return matches;
}

std::string LeadKey(const Model& model, const RecordSet& events, size_t r,
                    const OffenceVocabulary* vocabulary) {
  const RecordKind& kind = events.kind();
  std::string identity = model.name + "|" + IdKeyToString(events.key(r)) + "|";
  if (kind.case_number >= 0 && !events.text(r, kind.case_number).empty())
    return Sha256Hex(identity + "case|" + std::string(events.text(r, kind.case_number)));
  identity += "rec|";
  if (kind.label >= 0 && vocabulary && events.type(r) < vocabulary->types().size())
    identity += vocabulary->types()[events.type(r)].code + "|";
  std::vector<int> fields = kind.identity;
  if (fields.empty())
    for (size_t f = 0; f < kind.fields.size(); ++f)
      if (static_cast<int>(f) != kind.id && static_cast<int>(f) != kind.name_field)
        fields.push_back(static_cast<int>(f));
  std::vector<std::string> values;
  for (int f : fields) values.push_back(events.Display(r, f));
  return Sha256Hex(identity + Join(values, "|"));
}

}  // namespace qinglian
