// A lead row as the store's files read it (store.cc, store_audit.cc).
#ifndef QINGLIAN_STORE_ROWS_H_
#define QINGLIAN_STORE_ROWS_H_

#include "qinglian/store/store.h"
#include "store/sqlite.h"

namespace qinglian {

// The leads table's columns in the order ReadLead() reads them.
extern const char* const kLeadColumns;

// Reads a lead from the row `s` is on, its columns from `first` on.
StoredLead ReadLead(const sql::Stmt& s, int first = 0);

}  // namespace qinglian

#endif  // QINGLIAN_STORE_ROWS_H_
