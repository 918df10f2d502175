#include "qinglian/app/run.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "qinglian/app/review.h"
#include "qinglian/base/clock.h"
#include "qinglian/base/sha256.h"
#include "qinglian/base/text.h"
#include "qinglian/input/fingerprints.h"

namespace qinglian {
namespace {

SourceRecord ToSource(const FileSummary& s) {
  SourceRecord src;
  src.kind = s.kind;
  src.path = s.file;
  src.size = s.bytes;
  src.format = s.format;
  src.encoding = s.format == "xlsx" ? "" : EncodingName(s.encoding);
  src.rows = s.rows;
  src.accepted = s.accepted;
  src.rejected = s.rejected;
  src.duplicates = s.duplicates;
  src.rejects_by_reason = s.rejects_by_reason;
  return src;
}

// Loads each of `paths` with `loader`, in order, noting each file for its
// fingerprint (taken later, on a thread of its own).
Status LoadAll(const std::vector<std::string>& paths, RecordLoader& loader,
               const RejectSink& rejects, const RunRequest& request, InputFingerprints* prints,
               RunReport* report) {
  for (const std::string& path : paths) {
    if (Status s = prints->Note(path); !s.ok()) return s;
    Result<std::unique_ptr<ByteSource>> source = OpenFileSource(path);
    if (!source.ok()) return source.status();
    if (request.on_file_start) request.on_file_start(path);
    Result<FileSummary> s = loader.Load(**source, rejects);
    if (!s.ok()) return s.status();
    if (request.on_file_done) request.on_file_done(*s);
    report->run.sources.push_back(ToSource(*s));
    report->files.push_back(std::move(*s));
  }
  return Status::Ok();
}

// Waits for the inputs' fingerprints and writes them into `sources`, which
// LoadAll made in the same order.
Status FillFingerprints(InputFingerprints& prints, std::vector<SourceRecord>* sources) {
  Result<std::vector<FileDigest>> digests = prints.Wait();
  if (!digests.ok()) return digests.status();
  if (digests->size() != sources->size())
    return Status::Error("the inputs' fingerprints do not match the inputs read");
  for (size_t i = 0; i < sources->size(); ++i) {
    (*sources)[i].size = (*digests)[i].size;
    (*sources)[i].sha256 = std::move((*digests)[i].sha256);
  }
  return Status::Ok();
}

// Records and distinct persons per unit, by unit name. The roster lists each
// person's records together, so a person is counted once per unit without
// sorting. Units are told apart by their string ids, one per distinct name
// (0, the empty name, where the unit is not a text field).
std::vector<CoverageRecord> Coverage(const Roster& roster) {
  const RecordSet& people = roster.records();
  const int unit = people.kind().unit;
  const bool named = unit >= 0 && IsText(people.kind().fields[static_cast<size_t>(unit)].type);
  std::vector<CoverageRecord> out;
  std::unordered_map<int64_t, size_t> index;  // string id -> out
  std::vector<size_t> units;
  roster.ForEachPerson([&](std::span<const uint32_t> rows) {
    units.clear();
    for (uint32_t r : rows) {
      const int64_t id = named ? people.value(r, unit) : 0;
      const auto [it, added] = index.try_emplace(id, out.size());
      if (added) {
        out.emplace_back();
        out.back().unit = people.text(r, unit);
      }
      ++out[it->second].records;
      if (std::find(units.begin(), units.end(), it->second) == units.end())
        units.push_back(it->second);
    }
    for (size_t u : units) ++out[u].persons;
  });
  std::sort(out.begin(), out.end(),
            [](const CoverageRecord& a, const CoverageRecord& b) { return a.unit < b.unit; });
  return out;
}

std::string Field(const RecordSet& set, size_t r, const char* name) {
  const int f = set.kind().Field(name);
  return f >= 0 ? std::string(set.text(r, f)) : std::string();
}

// Every roster record the lead's time falls in, the one it is charged to
// first, when there are two or more.
std::vector<Posting> Postings(const Match& m, const RecordSet& people) {
  std::vector<Posting> out;
  if (m.covering.size() < 2) return out;
  const int unit = people.kind().unit;
  std::vector<uint32_t> rows = {m.record};
  for (uint32_t p : m.covering)
    if (p != m.record) rows.push_back(p);
  for (uint32_t p : rows)
    out.push_back({unit >= 0 ? std::string(people.text(p, unit)) : "",
                   Field(people, p, "department"), Field(people, p, "position"), people.start(p),
                   people.end(p), people.file_of(p), people.source(p).line});
  return out;
}

// Dates given as a month only, named in the evidence's record: the other
// record's ("start_date_precision": "month") and the employment's.
void NoteImprecise(const RecordSet& set, uint32_t r, const std::string& prefix,
                   std::vector<std::pair<std::string, std::string>>* record) {
  const uint8_t imprecise = set.imprecise(r);
  const RecordKind& k = set.kind();
  if (imprecise & kStartImprecise)
    record->emplace_back(prefix + k.fields[static_cast<size_t>(k.start)].name + "_precision",
                         "month");
  if (imprecise & kEndImprecise)
    record->emplace_back(prefix + k.fields[static_cast<size_t>(k.end)].name + "_precision",
                         "month");
}

LeadEvidence Evidence(const Match& m, const Model& model, const Roster& roster,
                      const RecordSet& events, const OffenceVocabulary& vocabulary) {
  const RecordSet& people = roster.records();
  const RecordKind& pk = people.kind();
  const RecordKind& ek = events.kind();
  const uint32_t p = m.record, e = m.event;
  LeadEvidence ev;
  ev.key = LeadKey(model, events, e, &vocabulary);
  ev.model = model.name;
  ev.type = LeadType(model, events.type(e), vocabulary);
  ev.id_number = IdKeyToString(events.key(e));
  ev.name = pk.name_field >= 0 ? std::string(people.text(p, pk.name_field)) : "";
  ev.offence_name = ek.name_field >= 0 ? std::string(events.text(e, ek.name_field)) : "";
  ev.name_matches = m.name_matches;
  ev.unit = pk.unit >= 0 ? std::string(people.text(p, pk.unit)) : "";
  ev.department = Field(people, p, "department");
  ev.position = Field(people, p, "position");
  ev.category = Field(people, p, "category");
  ev.hire_date = people.start(p);
  ev.leave_date = people.end(p);
  ev.employee_file = people.file_of(p);
  ev.employee_line = people.source(p).line;
  ev.event_kind = ek.name;
  ev.label = ek.label >= 0 ? std::string(events.text(e, ek.label)) : "";
  ev.offence_date = events.start(e);
  if (ek.period) ev.event_end = events.end(e);
  ev.bac = ek.bac >= 0 ? static_cast<BacTenths>(events.value(e, ek.bac)) : kNoBac;
  ev.place = Field(events, e, "place");
  ev.penalty = Field(events, e, "penalty");
  ev.case_no = ek.case_number >= 0 ? std::string(events.text(e, ek.case_number)) : "";
  ev.authority = Field(events, e, "authority");
  ev.offence_file = events.file_of(e);
  ev.offence_line = events.source(e).line;
  // The record's other fields: those the columns above do not hold already.
  for (size_t f = 0; f < ek.fields.size(); ++f) {
    const int i = static_cast<int>(f);
    const std::string& name = ek.fields[f].name;
    if (i == ek.id || i == ek.name_field || i == ek.label || i == ek.start || i == ek.end ||
        i == ek.bac || i == ek.case_number || name == "place" || name == "penalty" ||
        name == "authority")
      continue;
    ev.record.emplace_back(name, events.Display(e, i));
  }
  if (model.relation != Relation::kDuring) {
    ev.overlap_first = m.first;
    ev.overlap_last = m.last;
    ev.overlap_days = m.days();
  }
  if (m.amount_fen != kNoNumber) ev.amount_fen = m.amount_fen;
  NoteImprecise(events, e, "", &ev.record);
  NoteImprecise(people, p, "employee_", &ev.record);
  ev.postings = Postings(m, people);
  return ev;
}

// The units of this run's coverage that no earlier run saw (by their
// official names), and each expected headcount against the persons found.
Status CheckUnits(Store& store, const std::vector<UnitAlias>& aliases, RunReport* report) {
  Result<UnitHistory> earlier = store.UnitCoverage(SIZE_MAX);
  if (!earlier.ok()) return earlier.status();
  std::vector<std::string> seen;
  for (const UnitHistory::Row& r : earlier->units)
    if (std::any_of(r.coverage.begin(), r.coverage.end(),
                    [](const CoverageRecord& c) { return c.persons != UnitHistory::kNotSeen; }))
      seen.push_back(OfficialUnit(r.unit, aliases));
  if (!earlier->runs.empty())
    for (const CoverageRecord& c : report->coverage)
      if (std::find(seen.begin(), seen.end(), c.unit) == seen.end())
        report->new_units.push_back(c.unit);
  Result<std::vector<UnitExpectation>> expected = store.UnitExpectations();
  if (!expected.ok()) return expected.status();
  for (UnitExpectation e : *expected) {
    for (const CoverageRecord& c : report->coverage)
      if (c.unit == e.unit) e.found += c.persons;
    report->expectations.push_back(std::move(e));
  }
  return Status::Ok();
}

// Every model asked for, in order, as the run saw it: what each compared and
// how many candidates it had (the ones in `ran`, parallel to report.stats's
// models), or why it was skipped. Leads are counted by the store. Without
// `compared` (a refused run), only the skipped ones.
std::vector<ModelRun> ModelRuns(const RunRequest& request, const RunReport& report,
                                const std::vector<const Model*>& ran, bool compared) {
  std::vector<ModelRun> out;
  for (const Model& model : request.models) {
    ModelRun m;
    m.model = model.name;
    m.title_zh = model.title_zh;
    m.title_en = model.title_en;
    m.events_kind = model.events;
    m.amounts = model.monthly_amount >= 0;
    for (const auto& [name, why] : report.skipped)
      if (name == model.name) m.skipped = why;
    if (m.ran()) {
      if (!compared) continue;
      for (const SourceRecord& src : report.run.sources)
        if (src.kind == model.events) m.records += src.compared();
      for (size_t i = 0; i < ran.size() && i < report.stats.models.size(); ++i)
        if (ran[i]->name == model.name) m.candidates = report.stats.models[i].candidates;
    }
    out.push_back(std::move(m));
  }
  return out;
}

// The near matches of the unkeyed roster rows: the candidates go to the
// report (and then the store), and the leads of the pairs judged the same
// person, from the records they judged, to the run's leads.
Status AddReviewed(const RunRequest& request, const std::vector<ModelInput>& inputs,
                   const std::map<std::string, std::unique_ptr<RecordLoader>>& loaders,
                   const Catalog& catalog, Store& store, RunWrite* write, RunReport* report) {
  std::vector<ReviewInput> review;
  for (const ModelInput& in : inputs) {
    const RecordLoader& people = *loaders.at(in.model->people);
    review.push_back({in.model, &people.unkeyed(), &people.unkeyed_ids(), in.roster, in.events});
  }
  const auto evidence = [&catalog](const Match& m, const ModelInput& in) {
    return Evidence(m, *in.model, *in.roster, *in.events, catalog.vocabulary);
  };
  report->candidates = FindReviewCandidates(review, {request.as_of, request.lookback_years},
                                            evidence, request.load.today);
  Result<std::map<std::string, ReviewJudgement>> judged = store.ReviewJudgements();
  if (!judged.ok()) return judged.status();
  report->review.homophones = NameVariants::Builtin().available();
  report->review.candidates = report->candidates.size();
  for (ReviewCandidate& c : report->candidates) {
    if (const auto it = judged->find(c.pair_key); it != judged->end()) c.judgement = it->second;
    if (!c.settled())
      ++report->review.open;
    else if (c.judgement->verdict == Verdict::kSame) {
      write->leads.push_back(c.evidence);
      ++report->review.matched;
    }
  }
  return Status::Ok();
}

}  // namespace

std::vector<const Model*> RunnableModels(
    const RunRequest& request, std::vector<std::pair<std::string, std::string>>* skipped) {
  const auto has_input = [&](const std::string& kind) {
    return std::any_of(request.inputs.begin(), request.inputs.end(),
                       [&](const RunInput& in) { return in.kind == kind; });
  };
  std::vector<const Model*> out;
  for (const Model& m : request.models) {
    if (!has_input(m.people))
      skipped->emplace_back(m.name, "no input of kind " + m.people);
    else if (!has_input(m.events))
      skipped->emplace_back(m.name, "no input of kind " + m.events);
    else
      out.push_back(&m);
  }
  return out;
}

Result<RunReport> ExecuteRun(const RunRequest& request, Store& store, const RejectSink& rejects,
                             const std::function<void()>& before_commit) {
  const auto start = std::chrono::steady_clock::now();
  RunReport report;
  RunRecord& run = report.run;
  run.started_at = NowUtc();
  run.as_of = request.as_of.Iso();
  run.actor = request.actor;
  if (request.models.empty()) return Status::Error("no model to run");
  if (!request.catalog) return Status::Error("no record kinds to read the inputs with");
  const Catalog& catalog = *request.catalog;
  for (const RunInput& in : request.inputs)
    if (Result<const RecordKind*> k = catalog.Kind(in.kind); !k.ok())
      return k.status().WithContext(in.path);
  const std::vector<const Model*> models = RunnableModels(request, &report.skipped);
  if (models.empty()) {
    std::vector<std::string> why;
    for (const auto& [name, reason] : report.skipped) why.push_back(name + ": " + reason);
    return Status::Error("no model can run on these inputs (" + Join(why, "; ") + ")");
  }
  for (const Model* m : models) run.models.push_back(m->name);

  const double cpu_start = ProcessCpuSeconds();
  auto lap = start;
  double cpu_lap = cpu_start;
  // Wall and CPU time of a phase, e.g. time(&RunReport::Phases::index).
  const auto time = [&](double RunReport::Phases::*phase) {
    const auto now = std::chrono::steady_clock::now();
    const double cpu_now = ProcessCpuSeconds();
    report.phases.*phase = std::chrono::duration<double>(now - lap).count();
    report.cpu.*phase = cpu_now - cpu_lap;
    lap = now;
    cpu_lap = cpu_now;
  };
  // Rosters first, whole; then the other records, of which only the rows of
  // persons on a roster are read past their ID number.
  std::vector<std::string> people_kinds, event_kinds;
  for (const Model* m : models) {
    if (std::find(people_kinds.begin(), people_kinds.end(), m->people) == people_kinds.end())
      people_kinds.push_back(m->people);
  }
  for (const RunInput& in : request.inputs)
    if (std::find(people_kinds.begin(), people_kinds.end(), in.kind) == people_kinds.end() &&
        std::find(event_kinds.begin(), event_kinds.end(), in.kind) == event_kinds.end())
      event_kinds.push_back(in.kind);
  const auto paths_of = [&](const std::string& kind) {
    std::vector<std::string> paths;
    for (const RunInput& in : request.inputs)
      if (in.kind == kind) paths.push_back(in.path);
    return paths;
  };
  std::vector<std::string> load_order;
  for (const auto* kinds : {&people_kinds, &event_kinds})
    for (const std::string& k : *kinds)
      for (const std::string& p : paths_of(k)) load_order.push_back(p);
  // Each input's fingerprint is recorded, which a pipe or a device cannot give.
  for (const std::string& path : load_order)
    if (Status s = CheckRegularFile(path); !s.ok()) return s;
  // No record of the run may be dated after the day it is as of.
  LoadOptions load = request.load;
  load.as_of = request.as_of;
  load.vocabulary = &catalog.vocabulary;

  // Rosters name units as they spell them: the store's aliases give the
  // official names, before coverage and leads.
  Result<std::vector<UnitAlias>> aliases = store.UnitAliases();
  if (!aliases.ok()) return aliases.status();
  LoadOptions people_load = load;
  people_load.unit_aliases = AliasMap(*aliases);
  people_load.default_unit = CleanField(request.unit);
  // The rows an ID number alone kept out, for the near matches.
  people_load.keep_unkeyed = true;

  // Each input's size and SHA-256: the rosters' while the run indexes them
  // and scans the other files, those files' while it compares and stores.
  InputFingerprints prints;
  std::map<std::string, std::unique_ptr<RecordLoader>> loaders;
  std::map<std::string, std::unique_ptr<Roster>> rosters;
  for (const std::string& kind : people_kinds) {
    RecordKind people_kind = **catalog.Kind(kind);
    // With --unit, a roster may have no unit column.
    if (!people_load.default_unit.empty() && people_kind.unit >= 0)
      people_kind.fields[static_cast<size_t>(people_kind.unit)].required = false;
    auto loader = std::make_unique<RecordLoader>(people_kind, people_load);
    if (Status s = LoadAll(paths_of(kind), *loader, rejects, request, &prints, &report); !s.ok())
      return s;
    loader->FinishLoading();
    loaders[kind] = std::move(loader);
  }
  prints.Start();
  time(&RunReport::Phases::load_employees);
  for (const std::string& kind : people_kinds)
    rosters[kind] = std::make_unique<Roster>(loaders[kind]->records());
  time(&RunReport::Phases::index);
  // What the rosters say by themselves, their data-quality warnings and each
  // unit's coverage, is worked out on a thread of its own while the other
  // records are read: that scan leaves part of a core idle.
  struct RosterFacts {
    std::vector<QualityWarning> warnings;
    std::vector<CoverageRecord> coverage;
  };
  std::future<RosterFacts> roster_facts = std::async(std::launch::async, [&rosters] {
    RosterFacts f;
    for (const auto& [kind, roster] : rosters) {
      DataQuality q = AssessRoster(*roster);
      for (QualityWarning& w : q.warnings) f.warnings.push_back(std::move(w));
      std::vector<CoverageRecord> c = Coverage(*roster);
      f.coverage.insert(f.coverage.end(), c.begin(), c.end());
    }
    return f;
  });
  std::vector<const Roster*> all_rosters;
  for (const auto& [kind, roster] : rosters) all_rosters.push_back(roster.get());
  // The other records the near matches of the unkeyed rows may pair with are read too.
  NearKeyFilter near;
  for (const std::string& kind : people_kinds) {
    for (const UnkeyedId& id : loaders[kind]->unkeyed_ids())
      near.Add(ReadDamagedId(id.raw, id.problem), load.today);
    report.review.not_keyed += loaders[kind]->unkeyed_ids().size();
  }
  const auto on_a_roster = [&all_rosters, &near](IdKey k) {
    return std::any_of(all_rosters.begin(), all_rosters.end(),
                       [k](const Roster* r) { return r->Contains(k); }) ||
           (!near.empty() && near.Wants(k));
  };
  LoadOptions events_load = load;
  events_load.will_ask = [&all_rosters](IdKey k) {
    for (const Roster* r : all_rosters) r->Prefetch(k);
  };
  for (const std::string& kind : event_kinds) {
    auto loader = std::make_unique<RecordLoader>(**catalog.Kind(kind), events_load, on_a_roster);
    if (Status s = LoadAll(paths_of(kind), *loader, rejects, request, &prints, &report); !s.ok())
      return s;
    loader->FinishLoading();
    loaders[kind] = std::move(loader);
  }
  prints.Start();
  RosterFacts facts = roster_facts.get();
  for (QualityWarning& w : facts.warnings) report.quality.warnings.push_back(std::move(w));
  AddImpreciseDates(report.files, &report.quality);
  if (request.on_loaded)
    if (Status s = request.on_loaded(); !s.ok()) return s;
  time(&RunReport::Phases::load_offences);
  std::vector<std::string> headers, fields;
  for (const FileSummary& f : report.files)
    headers.insert(headers.end(), f.headers.begin(), f.headers.end());
  for (const auto& [kind, loader] : loaders)
    for (const FieldSpec& f : loader->records().kind().fields) fields.push_back(f.name);
  if (Status s = CheckColumnMapUsed(request.load.column_map, headers, fields); !s.ok()) return s;

  for (const FileSummary& f : report.files) {
    const bool people =
        std::find(people_kinds.begin(), people_kinds.end(), f.kind) != people_kinds.end();
    (people ? run.employee_rows : run.offence_rows) += f.rows;
    (people ? run.employee_rejected : run.offence_rejected) += f.rejected;
    if (!people) run.offence_accepted += f.accepted;
  }
  for (const std::string& kind : event_kinds) {
    const RecordSet& events = loaders[kind]->records();
    // An invalid date sorts before every valid one.
    for (size_t r = 0; r < events.size(); ++r)
      report.newest_event = std::max(report.newest_event, events.start(r));
  }
  for (const auto& [kind, roster] : rosters) {
    report.employee_records += roster->records().size();
    report.persons += roster->persons();
  }
  run.persons = report.persons;
  const auto finish = [&] {
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.duration_ms = static_cast<int64_t>(report.seconds * 1000);
    run.finished_at = NowUtc();
  };

  // A wrongly mapped file, or an empty export, must not look like "no leads".
  for (const FileSummary& f : report.files) {
    if (Status s = RequireDataRows(f); !s.ok())
      run.message = s.message();
    else if (f.reject_rate() > request.max_reject_rate)
      run.message =
          fmt::format("{}: {:.1f}% of rows rejected (limit {:.1f}%); see the rejects file", f.file,
                      100 * f.reject_rate(), 100 * request.max_reject_rate);
    else
      continue;
    finish();
    run.model_runs = ModelRuns(request, report, models, /*compared=*/false);
    if (Status s = FillFingerprints(prints, &run.sources); !s.ok()) return s;
    AuditEntry audit = request.audit;
    if (Status s = store.WriteFailedRun(&run, audit.command.empty() ? nullptr : &audit); !s.ok())
      return s;
    report.audit_head = audit.hash;
    return report;
  }

  std::vector<ModelInput> inputs;
  for (const Model* m : models)
    inputs.push_back({m, rosters[m->people].get(), &loaders[m->events]->records()});
  CompareOptions options{request.as_of, request.lookback_years};
  const std::vector<Match> matches = Compare(inputs, options, &report.stats);
  run.hits = report.stats.hits;
  run.model_runs = ModelRuns(request, report, models, /*compared=*/true);
  report.coverage = std::move(facts.coverage);
  if (Status s = CheckUnits(store, *aliases, &report); !s.ok()) return s;
  RunWrite write;
  write.coverage = report.coverage;
  write.expectations = report.expectations;
  // Each lead's evidence is its own: many are made on two threads.
  write.leads.resize(matches.size());
  const auto evidence_of = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      const ModelInput& in = inputs[matches[i].model];
      write.leads[i] = Evidence(matches[i], *in.model, *in.roster, *in.events, catalog.vocabulary);
    }
  };
  if (constexpr size_t kTwoThreads = 4096; matches.size() >= kTwoThreads) {
    const size_t half = matches.size() / 2;
    std::future<void> second = std::async(std::launch::async, evidence_of, half, matches.size());
    evidence_of(0, half);
    second.get();
  } else {
    evidence_of(0, matches.size());
  }
  const auto near_start = std::chrono::steady_clock::now();
  const double near_cpu = ProcessCpuSeconds();
  if (Status s = AddReviewed(request, inputs, loaders, catalog, store, &write, &report); !s.ok())
    return s;
  report.phases.near_match =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - near_start).count();
  report.cpu.near_match = ProcessCpuSeconds() - near_cpu;
  run.snapshot = request.snapshot;
  if (request.snapshot) {
    // Every record that could make a lead, whatever the comparison made of
    // it: a lead is missing when its record is gone, not when it falls out
    // of the look-back.
    for (const ModelInput& in : inputs)
      for (size_t r = 0; r < in.events->size(); ++r)
        write.present_keys.push_back(LeadKey(*in.model, *in.events, r, &catalog.vocabulary));
  }
  // The records are all in the leads and candidates now: the rosters and the
  // records read go before the store grows its cache, which keeps the run's
  // peak memory that of loading.
  inputs.clear();
  rosters.clear();
  // What the records took, the store's cache may take while it writes them.
  for (const auto& [kind, loader] : loaders)
    write.cache_bytes += loader->records().heap_bytes() + loader->unkeyed().heap_bytes();
  loaders.clear();
  time(&RunReport::Phases::compare);
  finish();
  write.run = run;
  write.audit = request.audit;
  write.fingerprint = [&prints](std::vector<SourceRecord>* sources) {
    return FillFingerprints(prints, sources);
  };
  if (Status s = store.WriteRun(&write, before_commit); !s.ok()) return s;
  run = write.run;
  if (Status s = store.WriteReview(run.id, report.candidates, report.review); !s.ok()) return s;
  report.audit_head = write.audit.hash;
  time(&RunReport::Phases::store);
  report.seconds += report.phases.store;
  report.cpu_seconds = ProcessCpuSeconds() - cpu_start;
  return report;
}

}  // namespace qinglian
