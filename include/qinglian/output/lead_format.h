// Leads as auditors and scripts read them: JSON with stable field names (the
// same in every language), an aligned table for the terminal, and one lead
// with its evidence and history. ID numbers are masked unless the caller
// unmasks them (and has logged why).
#ifndef QINGLIAN_OUTPUT_LEAD_FORMAT_H_
#define QINGLIAN_OUTPUT_LEAD_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "qinglian/core/label_book.h"
#include "qinglian/core/lead.h"
#include "qinglian/core/vocab.h"

namespace qinglian {

// Rows in an Excel sheet, the header's included.
constexpr size_t kXlsxMaxRows = 1048576;

struct ExportOptions {
  bool unmask = false;
  Lang lang = Lang::kZh;                // headings and labels
  LabelBook labels;                     // names of types, kinds and fields; codes where empty
  size_t xlsx_max_rows = kXlsxMaxRows;  // fewer only in tests
};

// Each lead's evidence changes in one run, by lead id (Store::ChangesInRun).
using ChangesByLead = std::map<int64_t, std::vector<FieldChange>>;

// A run's changes to a lead in one short line, in o.lang: "BAC 75→92, 类型
// 饮酒驾驶→醉酒驾驶". Where the evidence was read, and what follows from the
// rest, is left out (LeadText and the JSON have it).
std::string ChangeSummary(const std::vector<FieldChange>& changes, const ExportOptions& o);

// The ID number as the options show it: masked unless unmasked.
std::string ShownIdNumber(const StoredLead& l, const ExportOptions& o);

// The lead's type, status (with its outcome) and kind as people read them.
std::string TypeName(const StoredLead& l, const ExportOptions& o);
std::string StatusName(const StoredLead& l, Lang lang);
// What the lead rests on, in one line: an offence's BAC and case number; for
// a model of periods, when the relation holds (first and last day, days) and
// the money involved.
std::string LeadDetail(const StoredLead& l, const ExportOptions& o);
// The other record's own fields, "header: value" joined (救助类别：城市低保；...).
std::string RecordFields(const StoredLead& l, const ExportOptions& o);

// A JSON array of leads; each an object with id, model, type, status,
// outcome, unit, department, position, category, name, offence_name,
// name_matches, id_number, hire_date, leave_date, offence_date, label, bac,
// place, penalty, case_no, authority, case_filed, recovered_yuan, source
// {employee, offence} (file and line), first_run, last_run, not_seen_since_run
// (the last run that saw a missing lead; null while it is seen). With
// `changes`, each lead also has "changes": {field: [old, new]} (null for none).
std::string LeadsJson(const std::vector<StoredLead>& leads, const ExportOptions& o,
                      const ChangesByLead* changes = nullptr);

// One lead as LeadsJson writes it, with its history: an array of {at, actor,
// run, from, to, outcome, case_filed, recovered_yuan, note}, and the changes
// of a run's event ("changes": {field: [old, new]}).
std::string LeadJson(const StoredLead& lead, const std::vector<LeadEvent>& history,
                     const ExportOptions& o);

// An aligned table for a terminal (a Chinese character takes two columns;
// control characters are shown as escapes, see TerminalText). A "not seen
// since" column when a lead is missing; with `changes`, a column of each
// lead's ChangeSummary.
std::string LeadsTable(const std::vector<StoredLead>& leads, const ExportOptions& o,
                       const ChangesByLead* changes = nullptr);

// One lead for a terminal: the person, the employment record and the
// offence with their sources, the case, and the history.
std::string LeadText(const StoredLead& lead, const std::vector<LeadEvent>& history,
                     const ExportOptions& o);

}  // namespace qinglian

#endif  // QINGLIAN_OUTPUT_LEAD_FORMAT_H_
