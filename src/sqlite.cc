#include "sqlite.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace qinglian::sql {
namespace {

constexpr int kBusyTimeoutMs = 10000;

std::string Describe(sqlite3* db, int rc) {
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return "the database is locked by another process";
  if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
    return "the file is not a qinglian database or is corrupt";
  if (rc == SQLITE_READONLY) return "the database is read-only";
  if (rc == SQLITE_FULL) return "the disk is full";
  return db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
}

}  // namespace

Stmt::Stmt(Stmt&& o) noexcept : stmt_(o.stmt_), db_(o.db_), status_(std::move(o.status_)) {
  o.stmt_ = nullptr;
}
Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    stmt_ = o.stmt_;
    db_ = o.db_;
    status_ = std::move(o.status_);
    o.stmt_ = nullptr;
  }
  return *this;
}
Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt& Stmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Stmt::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE && status_.ok()) status_ = Status::Error(Describe(db_, rc));
  return false;
}

Status Stmt::Run() {
  status_ = Status::Ok();
  while (Step()) {
  }
  Status s = status_;
  Reset();
  return s;
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::Real(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Stmt::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}
bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Result<std::unique_ptr<Db>> Db::Open(const std::string& path, bool create) {
  if (create && path != ":memory:") {
    // Create the file ourselves so that it is the owner's alone from the start;
    // SQLite gives its -wal and -shm files the same permissions.
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return Status::Error(path + ": " + std::strerror(errno));
    ::close(fd);
  }
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = rc == SQLITE_CANTOPEN
                          ? "no such database (run 'qinglian run' first, or give --db)"
                          : Describe(db, rc);
    sqlite3_close(db);
    return Status::Error(path + ": " + why);
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db, 0);
  return std::unique_ptr<Db>(new Db(db, path));
}

Db::~Db() { sqlite3_close_v2(db_); }

Result<Stmt> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &s, nullptr);
  if (rc != SQLITE_OK) return Status::Error(path_ + ": " + Describe(db_, rc));
  return Stmt(s, db_);
}

Status Db::Exec(const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string why = (rc == SQLITE_BUSY || rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB || !err)
                        ? Describe(db_, rc)
                        : err;
  sqlite3_free(err);
  return Status::Error(path_ + ": " + why);
}

int64_t Db::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
int Db::Changes() const { return sqlite3_changes(db_); }

Result<std::optional<int64_t>> Db::QueryInt(const std::string& sql) {
  Result<Stmt> s = Prepare(sql);
  if (!s.ok()) return s.status();
  if (s->Step()) return std::optional<int64_t>(s->Int(0));
  if (!s->status().ok()) return Status::Error(path_ + ": " + s->status().message());
  return std::optional<int64_t>();
}

Transaction::~Transaction() {
  if (open_) {
    // Nothing to report from a destructor: the error that got us here is.
    (void)db_.Exec("ROLLBACK");
  }
}

Status Transaction::Begin() {
  Status s = db_.Exec("BEGIN IMMEDIATE");
  open_ = s.ok();
  return s;
}

Status Transaction::Commit() {
  Status s = db_.Exec("COMMIT");
  if (s.ok()) open_ = false;
  return s;
}

}  // namespace qinglian::sql
