#include "qinglian/app/run.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <nlohmann/json.hpp>

#include "qinglian/base/clock.h"
#include "qinglian/base/sha256.h"
#include "qinglian/base/text.h"

namespace qinglian {
namespace {

// The inputs' SHA-256 fingerprints are computed on a thread of their own,
// reading each file a second time (from the page cache) while the loaders
// read it: hashing is the slowest single step of reading a file, and this way
// it does not hold the loading up. A size that differs between the two reads
// means the file changed during the run, which is an error.
class Fingerprints {
 public:
  explicit Fingerprints(std::vector<std::string> paths)
      : digests_(std::async(std::launch::async, [paths = std::move(paths)] {
          std::vector<Result<FileDigest>> out;
          for (const std::string& p : paths) out.push_back(Sha256File(p));
          return out;
        })) {}
  ~Fingerprints() {
    if (digests_.valid()) digests_.wait();  // never leave the thread running
  }
  Fingerprints(const Fingerprints&) = delete;
  Fingerprints& operator=(const Fingerprints&) = delete;

  // Fills in each source's size and SHA-256, in the order the paths were given.
  Status Fill(std::vector<SourceRecord>* sources) {
    const std::vector<Result<FileDigest>> digests = digests_.get();
    for (size_t i = 0; i < sources->size() && i < digests.size(); ++i) {
      SourceRecord& src = (*sources)[i];
      if (!digests[i].ok()) return digests[i].status();
      if (digests[i]->size != src.size)
        return Status::Error(src.path + ": the file changed while it was read");
      src.size = digests[i]->size;
      src.sha256 = digests[i]->sha256;
    }
    return Status::Ok();
  }

 private:
  std::future<std::vector<Result<FileDigest>>> digests_;
};

SourceRecord ToSource(const FileSummary& s) {
  SourceRecord src;
  src.kind = RecordKindName(s.kind);
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

template <typename Loader>
Status LoadAll(const std::vector<std::string>& paths, Loader& loader, const RejectSink& rejects,
               const RunRequest& request, RunReport* report) {
  for (const std::string& path : paths) {
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

// Records and distinct persons per unit. The index lists each person's
// records together, so a person is counted once per unit without sorting.
std::vector<CoverageRecord> Coverage(const EmployeeTable& t, const EmployeeIndex& index) {
  std::vector<CoverageRecord> by_unit(t.strings.size());
  std::vector<uint32_t> units;
  index.ForEachPerson([&](std::span<const uint32_t> rows) {
    units.clear();
    for (uint32_t r : rows) {
      const uint32_t u = t.records[r].unit;
      ++by_unit[u].records;
      if (std::find(units.begin(), units.end(), u) == units.end()) units.push_back(u);
    }
    for (uint32_t u : units) ++by_unit[u].persons;
  });
  std::vector<CoverageRecord> out;
  for (uint32_t u = 0; u < by_unit.size(); ++u) {
    if (by_unit[u].records == 0) continue;
    by_unit[u].unit = t.strings.Get(u);
    out.push_back(std::move(by_unit[u]));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.unit < b.unit; });
  return out;
}

LeadEvidence Evidence(const Lead& lead, const Model& model, const EmployeeTable& table,
                      const Employee& e, const Offence& o,
                      const std::vector<std::string>& offence_files) {
  LeadEvidence ev;
  ev.key = LeadKey(model, o.key, o);
  ev.model = model.name;
  ev.type = OffenceTypeCode(o.type);
  ev.id_number = IdKeyToString(e.key);
  ev.name = e.name;
  ev.offence_name = o.name;
  ev.name_matches = lead.name_matches;
  ev.unit = table.strings.Get(e.unit);
  ev.department = table.strings.Get(e.department);
  ev.position = table.strings.Get(e.position);
  ev.category = table.strings.Get(e.category);
  ev.hire_date = e.hire.Iso();
  ev.leave_date = e.leave.Iso();
  ev.employee_file = table.files[e.source.file];
  ev.employee_line = e.source.line;
  ev.label = o.label;
  ev.offence_date = o.date.Iso();
  ev.bac = o.bac;
  ev.place = o.place;
  ev.penalty = o.penalty;
  ev.case_no = o.case_no;
  ev.authority = o.authority;
  ev.offence_file = offence_files[o.source.file];
  ev.offence_line = o.source.line;
  return ev;
}

}  // namespace

Result<RunReport> ExecuteRun(const RunRequest& request, Store& store, const RejectSink& rejects,
                             const std::function<void()>& before_commit) {
  const auto start = std::chrono::steady_clock::now();
  RunReport report;
  RunRecord& run = report.run;
  run.started_at = NowUtc();
  run.as_of = request.as_of.Iso();
  for (const Model& m : request.models) run.models.push_back(m.name);
  run.actor = request.actor;
  if (request.models.empty()) return Status::Error("no model to run");

  auto lap = start;
  const auto time = [&lap](double* phase) {
    const auto now = std::chrono::steady_clock::now();
    *phase = std::chrono::duration<double>(now - lap).count();
    lap = now;
  };
  std::vector<std::string> inputs = request.employees;
  inputs.insert(inputs.end(), request.offences.begin(), request.offences.end());
  // Each input is read twice, by its loader and for its fingerprint.
  for (const std::string& path : inputs)
    if (Status s = CheckRegularFile(path); !s.ok()) return s;
  Fingerprints fingerprints(inputs);
  // No record of the run may be dated after the day it is as of.
  LoadOptions load = request.load;
  load.as_of = request.as_of;
  EmployeeLoader employees(load);
  if (Status s = LoadAll(request.employees, employees, rejects, request, &report); !s.ok())
    return s;
  const EmployeeTable& table = employees.table();
  time(&report.phases.load_employees);
  const EmployeeIndex index(table);
  time(&report.phases.index);
  OffenceLoader offences(
      load, [&](IdKey k) { return index.Contains(k); }, /*keep=*/true);
  if (Status s = LoadAll(request.offences, offences, rejects, request, &report); !s.ok()) return s;
  if (request.on_loaded)
    if (Status s = request.on_loaded(); !s.ok()) return s;
  time(&report.phases.load_offences);
  std::vector<std::string> headers;
  for (const FileSummary& f : report.files)
    headers.insert(headers.end(), f.headers.begin(), f.headers.end());
  if (Status s = CheckColumnMapUsed(request.load.column_map, headers); !s.ok()) return s;

  if (Status s = fingerprints.Fill(&run.sources); !s.ok()) return s;
  for (const FileSummary& f : report.files) {
    (f.kind == RecordKind::kEmployees ? run.employee_rows : run.offence_rows) += f.rows;
    (f.kind == RecordKind::kEmployees ? run.employee_rejected : run.offence_rejected) += f.rejected;
  }
  report.employee_records = table.records.size();
  report.persons = index.persons();
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
    AuditEntry audit = request.audit;
    if (Status s = store.WriteFailedRun(&run, audit.command.empty() ? nullptr : &audit); !s.ok())
      return s;
    report.audit_head = audit.hash;
    return report;
  }

  CompareOptions options{request.as_of, request.lookback_years};
  const std::vector<Lead> leads =
      Compare(table, index, offences.offences(), request.models, options, &report.stats);
  run.hits = report.stats.hits;
  report.coverage = Coverage(table, index);
  RunWrite write;
  write.coverage = report.coverage;
  write.leads.reserve(leads.size());
  for (const Lead& l : leads)
    write.leads.push_back(Evidence(l, request.models[l.model], table, table.records[l.employee],
                                   offences.offences()[l.offence], offences.files()));
  time(&report.phases.compare);
  finish();
  write.run = run;
  write.audit = request.audit;
  if (Status s = store.WriteRun(&write, before_commit); !s.ok()) return s;
  run = write.run;
  report.audit_head = write.audit.hash;
  time(&report.phases.store);
  report.seconds += report.phases.store;
  return report;
}

std::string FormatRunText(const RunReport& r) {
  const RunRecord& run = r.run;
  std::string out;
  if (r.failed()) return fmt::format("run {} failed: {}\n", run.id, run.message);
  out += fmt::format("run {}: as of {}, models {}\n", run.id, run.as_of, Join(run.models, ","));
  for (const FileSummary& f : r.files) {
    out +=
        fmt::format("  {:<9} {}: {} rows, {} accepted, {} rejected, {} duplicates",
                    RecordKindName(f.kind), f.file, f.rows, f.accepted, f.rejected, f.duplicates);
    out += f.kind == RecordKind::kOffences ? fmt::format(", {} not employees\n", f.not_employees)
                                           : "\n";
    if (const std::string w = EncodingWarning(f); !w.empty()) out += "    warning: " + w + "\n";
  }
  out += fmt::format("  coverage: {} units, {} employee records, {} persons\n", r.coverage.size(),
                     r.employee_records, r.persons);
  const CompareStats& s = r.stats;
  out += fmt::format(
      "  {} offences on employees' ID numbers: {} outside employment, {} outside the look-back, "
      "{} of other types\n",
      s.hits, s.outside_employment, s.outside_lookback, s.not_in_models);
  out += fmt::format("  leads: {} new, {} seen again", run.leads_new, run.leads_seen);
  out += s.name_mismatches
             ? fmt::format(" ({} with a different name on the offence record)\n", s.name_mismatches)
             : "\n";
  out += fmt::format(
      "  took {:.2f} s (load employees {:.2f}, index {:.2f}, stream offences {:.2f}, compare "
      "{:.2f}, "
      "store {:.2f})\n",
      r.seconds, r.phases.load_employees, r.phases.index, r.phases.load_offences, r.phases.compare,
      r.phases.store);
  return out;
}

std::string FormatRunJson(const RunReport& r) {
  using nlohmann::json;
  const RunRecord& run = r.run;
  json files = json::array();
  for (size_t i = 0; i < r.files.size(); ++i) {
    const FileSummary& f = r.files[i];
    json reasons = json::object();
    for (const auto& [reason, n] : f.rejects_by_reason) reasons[Code(reason)] = n;
    json file = {{"path", ToValidUtf8(f.file)},
                 {"kind", RecordKindName(f.kind)},
                 {"encoding", EncodingName(f.encoding)},
                 {"rows", f.rows},
                 {"accepted", f.accepted},
                 {"rejected", f.rejected},
                 {"duplicates", f.duplicates},
                 {"rejects_by_reason", reasons},
                 {"suspect_ids", f.suspect_ids}};
    if (f.kind == RecordKind::kOffences) file["not_employees"] = f.not_employees;
    if (const std::string w = EncodingWarning(f); !w.empty()) file["encoding_warning"] = w;
    if (i < run.sources.size()) file["sha256"] = ToValidUtf8(run.sources[i].sha256);
    files.push_back(file);
  }
  json models = json::array();
  for (const std::string& m : run.models) models.push_back(ToValidUtf8(m));
  json j = {{"run", run.id},
            {"status", Code(run.status)},
            {"as_of", ToValidUtf8(run.as_of)},
            {"models", models},
            {"files", files},
            {"duration_ms", run.duration_ms}};
  if (!r.audit_head.empty()) j["audit_head"] = r.audit_head;
  if (r.failed()) {
    j["message"] = ToValidUtf8(run.message);
    return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  }
  j["coverage"] = {{"units", r.coverage.size()},
                   {"employee_records", r.employee_records},
                   {"persons", r.persons}};
  j["hits"] = r.stats.hits;
  j["outside_employment"] = r.stats.outside_employment;
  j["outside_lookback"] = r.stats.outside_lookback;
  j["not_in_models"] = r.stats.not_in_models;
  j["name_mismatches"] = r.stats.name_mismatches;
  j["phases_seconds"] = {{"load_employees", r.phases.load_employees},
                         {"index", r.phases.index},
                         {"load_offences", r.phases.load_offences},
                         {"compare", r.phases.compare},
                         {"store", r.phases.store}};
  j["leads"] = {{"new", run.leads_new},
                {"seen_again", run.leads_seen},
                {"total", run.leads_new + run.leads_seen}};
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace qinglian
