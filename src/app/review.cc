// Candidates are found by the rules (FindNearPairs); the comparator then
// relates each roster row to the records of its pairs exactly as it relates
// a keyed person, through a roster of the unkeyed rows each given the key of
// the record it is paired with. No key is ever guessed for a row: the pairs
// come first, and only they are related.
#include "qinglian/app/review.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "qinglian/base/sha256.h"
#include "qinglian/base/text.h"

namespace qinglian {
namespace {

std::string TextOf(const RecordSet& set, size_t r, int field) {
  return field >= 0 ? std::string(set.text(r, field)) : std::string();
}

// Every field of record r as shown, for its content hash.
std::string ContentOf(const RecordSet& set, size_t r) {
  std::string out;
  for (size_t f = 0; f < set.kind().fields.size(); ++f)
    out += set.Display(r, static_cast<int>(f)) + '\x1f';
  return out;
}

std::vector<OtherPerson> OthersOf(const ReviewInput& in) {
  const RecordSet& events = *in.events;
  const RecordSet& people = in.roster->records();
  const int name = events.kind().name_field, unit = events.kind().unit;
  std::vector<OtherPerson> out(events.size());
  for (size_t e = 0; e < events.size(); ++e) {
    OtherPerson& o = out[e];
    o.key = events.key(e);
    if (name >= 0) o.name = events.text(e, name);
    if (unit >= 0) o.unit = events.text(e, unit);
    const std::string theirs = NormaliseName(o.name);
    for (uint32_t p : in.roster->Find(o.key))
      if (people.kind().name_field >= 0 &&
          NormaliseName(people.text(p, people.kind().name_field)) == theirs)
        o.explained = true;
  }
  return out;
}

// A roster of the unkeyed rows, one record per (row, key of a paired
// record); *row_of gives each record's unkeyed row.
RecordSet PairedRows(const RecordSet& unkeyed, const std::vector<NearPair>& pairs,
                     const std::vector<OtherPerson>& others, std::vector<uint32_t>* row_of) {
  RecordSet set(unkeyed.kind());
  const std::vector<uint32_t> ids = set.strings().InternAll(unkeyed.strings());
  for (size_t i = 0; i < unkeyed.files(); ++i) set.AddFile(unkeyed.file(static_cast<uint16_t>(i)));
  const RecordKind& kind = unkeyed.kind();
  std::set<std::pair<uint32_t, IdKey>> done;
  for (const NearPair& p : pairs) {
    const IdKey key = others[p.other].key;
    if (!done.emplace(p.row, key).second) continue;
    Record r;
    r.key = key;
    r.start = unkeyed.start(p.row);
    r.end = unkeyed.end(p.row);
    r.source = unkeyed.source(p.row);
    for (size_t f = 0; f < kind.fields.size(); ++f) {
      const int64_t v = unkeyed.value(p.row, static_cast<int>(f));
      r.values.push_back(IsText(kind.fields[f].type) ? ids[static_cast<uint32_t>(v)] : v);
    }
    set.Append(std::move(r));
    row_of->push_back(p.row);
  }
  return set;
}

nlohmann::json RosterSide(const ReviewInput& in, uint32_t row) {
  const RecordSet& u = *in.unkeyed;
  const RecordKind& k = u.kind();
  const UnkeyedId& id = (*in.ids)[row];
  return {{"id_number", ToValidUtf8(id.raw)},
          {"problem", IdProblemCode(id.problem)},
          {"name", TextOf(u, row, k.name_field)},
          {"unit", TextOf(u, row, k.unit)},
          {"start", u.start(row).valid() ? u.start(row).Iso() : ""},
          {"end", u.end(row).valid() ? u.end(row).Iso() : ""},
          {"file", u.file_of(row)},
          {"line", u.source(row).line}};
}

nlohmann::json OtherSide(const ReviewInput& in, uint32_t e) {
  const RecordSet& ev = *in.events;
  const RecordKind& k = ev.kind();
  return {{"id_number", IdKeyToString(ev.key(e))},
          {"name", TextOf(ev, e, k.name_field)},
          {"kind", k.name},
          {"date", ev.start(e).valid() ? ev.start(e).Iso() : ""},
          {"label", TextOf(ev, e, k.label)},
          {"file", ev.file_of(e)},
          {"line", ev.source(e).line}};
}

}  // namespace

NearKeyFilter NearKeysOf(const std::vector<UnkeyedId>& ids, Date today) {
  NearKeyFilter filter;
  for (const UnkeyedId& id : ids) filter.Add(ReadDamagedId(id.raw, id.problem), today);
  return filter;
}

std::vector<ReviewCandidate> FindReviewCandidates(const std::vector<ReviewInput>& inputs,
                                                  const CompareOptions& options,
                                                  const EvidenceMaker& make_evidence, Date today) {
  std::vector<ReviewCandidate> out;
  for (const ReviewInput& in : inputs) {
    if (!in.unkeyed || in.unkeyed->size() == 0) continue;
    const RecordSet& unkeyed = *in.unkeyed;
    const RecordKind& k = unkeyed.kind();
    std::vector<UnkeyedPerson> rows(unkeyed.size());
    for (uint32_t r = 0; r < unkeyed.size(); ++r) {
      rows[r].id = ReadDamagedId((*in.ids)[r].raw, (*in.ids)[r].problem);
      rows[r].name = TextOf(unkeyed, r, k.name_field);
      rows[r].unit = TextOf(unkeyed, r, k.unit);
    }
    const std::vector<OtherPerson> others = OthersOf(in);
    const std::vector<NearPair> pairs = FindNearPairs(rows, others, NameVariants::Builtin(), today);
    if (pairs.empty()) continue;
    std::unordered_map<uint64_t, size_t> pair_of;  // row << 32 | record -> pairs
    for (size_t i = 0; i < pairs.size(); ++i)
      pair_of.emplace(uint64_t{pairs[i].row} << 32 | pairs[i].other, i);
    std::vector<uint32_t> row_of;
    const RecordSet paired = PairedRows(unkeyed, pairs, others, &row_of);
    const Roster roster(paired);
    CompareStats stats;
    const ModelInput model_input{in.model, &roster, in.events};
    for (const Match& found : Compare({model_input}, options, &stats)) {
      // Two rows the rules paired with the same record (namesakes whose
      // numbers a spreadsheet damaged alike) share its key here, and so a
      // match: each row the relation holds for is a candidate of its own.
      std::vector<uint32_t> order = {found.record};
      order.insert(order.end(), found.covering.begin(), found.covering.end());
      std::set<uint32_t> done;
      for (uint32_t p : order) {
        const uint32_t row = row_of[p];
        const auto it = pair_of.find(uint64_t{row} << 32 | found.event);
        if (it == pair_of.end() || !done.insert(row).second) continue;
        Match m = found;
        m.record = p;
        m.covering.clear();  // one row is one employment record: no concurrent posts
        const NearPair& pair = pairs[it->second];
        const NearScore score = ScoreNearPair(rows[row], others[m.event], pair);
        if (score.total < kReviewThreshold) continue;
        ReviewCandidate c;
        c.model = in.model->name;
        c.rule = NearRuleCode(pair.rule);
        c.score = score.total;
        nlohmann::json reasons = nlohmann::json::array();
        for (const ScorePart& part : score.parts)
          reasons.push_back({{"code", part.code},
                             {"points", part.points},
                             {"why", ToValidUtf8(part.why)},
                             {"why_zh", ToValidUtf8(part.why_zh)}});
        c.reasons = reasons.dump();
        c.roster = RosterSide(in, row).dump();
        c.other = OtherSide(in, m.event).dump();
        c.roster_hash = Sha256Hex((*in.ids)[row].raw + '\x1e' + ContentOf(unkeyed, row));
        c.other_hash = Sha256Hex(ContentOf(*in.events, m.event));
        c.evidence = make_evidence(m, model_input);
        c.lead_key = c.evidence.key;
        // The row as HR names it (its number as written, name and unit): lines move between
        // exports, and two rows may show the same damaged number.
        c.pair_key = Sha256Hex(c.model + '\x1e' + (*in.ids)[row].raw + '\x1e' +
                               NormaliseName(rows[row].name) + '\x1e' +
                               NormaliseName(rows[row].unit) + '\x1e' + c.lead_key);
        out.push_back(std::move(c));
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const ReviewCandidate& a, const ReviewCandidate& b) {
    return a.score > b.score;
  });
  return out;
}

}  // namespace qinglian
