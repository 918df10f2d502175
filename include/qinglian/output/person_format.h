// Persons with leads as auditors and scripts read them: a table for the
// terminal and CSV in the language asked for (type labels, status
// summaries), JSON with codes; and a person's other leads under one lead.
// ID numbers are masked unless the caller unmasks them (and has logged why).
#ifndef QINGLIAN_OUTPUT_PERSON_FORMAT_H_
#define QINGLIAN_OUTPUT_PERSON_FORMAT_H_

#include <ostream>
#include <string>
#include <vector>

#include "qinglian/core/label_book.h"
#include "qinglian/core/lead.h"
#include "qinglian/core/person.h"
#include "qinglian/output/lead_format.h"

namespace qinglian {

// A JSON array of persons; each an object with id_number, name, units
// (array), leads (a count), types (array of codes), first_date, last_date,
// statuses {new, transferred, closed: count} and lead_ids (array).
std::string PersonsJson(const std::vector<PersonSummary>& persons, const ExportOptions& o);

// An aligned table: name, ID number, units, leads, types, first and last
// date, status summary, headed and labelled in o.lang, and a count.
std::string PersonsTable(const std::vector<PersonSummary>& persons, const LabelBook& labels,
                         const ExportOptions& o);

// The same columns as CSV for Excel, as WriteLeadsCsv writes it (a byte-order
// mark, CRLF, formulas neutralised, a full ID number kept as text).
void WritePersonsCsv(std::ostream& out, const std::vector<PersonSummary>& persons,
                     const LabelBook& labels, const ExportOptions& o);

// The lines `show` prints under a lead: the person's other leads, each with
// its id, type label, event date and status.
std::string OtherLeadsText(const std::vector<StoredLead>& others, const LabelBook& labels,
                           const ExportOptions& o);

// `lead_json` (LeadJson's object) with "other_leads": an array of {id, type,
// date, status}, codes.
std::string WithOtherLeadsJson(const std::string& lead_json, const std::vector<StoredLead>& others);

}  // namespace qinglian

#endif  // QINGLIAN_OUTPUT_PERSON_FORMAT_H_
