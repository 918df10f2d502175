#include "store/sqlite.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>

namespace qinglian::sql {
namespace {

std::string Describe(sqlite3* db, int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "the database is locked by another process";
    case SQLITE_NOTADB:
      return "the file is not a qinglian database or is corrupt";
    case SQLITE_CORRUPT:
      return std::string("the database is corrupt (") +
             (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) + ")";
    case SQLITE_READONLY:
      return "the database is read-only";
    case SQLITE_FULL:
      return "the disk is full";
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM: {
      // SQLite's own words ("disk I/O error") and the system's reason.
      std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
      // The errno of the failed call on the database file, which SQLite
      // keeps; the process's errno may have moved on by the time it reports.
      int sys = 0;
      if (db) sqlite3_file_control(db, "main", SQLITE_FCNTL_LAST_ERRNO, &sys);
      if (sys == 0 && db) sys = sqlite3_system_errno(db);
      if (sys != 0) why += std::string(" (") + std::strerror(sys) + ")";
      return why;
    }
    default:
      return db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  }
}

// A path as the file name part of an SQLite URI: '%', '?' and '#' escaped.
std::string UriPath(const std::string& path) {
  std::string out = path.starts_with('/') ? "file://" : "file:";
  for (const char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Why an existing database file cannot be opened, or ok.
Status CheckExisting(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT)
      return Status::Error(path + ": no such database (run 'qinglian run' first, or give --db)");
    return Status::Error(path + ": " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) return Status::Error(path + ": is a folder, not a database");
  return Status::Ok();
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
Stmt& Stmt::BindKept(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Stmt::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE && status_.ok()) status_ = db_->Error(rc);
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

namespace {
// SQLite's process-wide settings, made before its first connection opens.
// Counting every allocation for sqlite3_memory_used() takes a global mutex
// on each one, about a tenth of the time a lead takes to store; nothing here
// reads the count. (A setting made after SQLite has started fails and
// changes nothing: the default is only slower.)
void ConfigureOnce() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}
}  // namespace

Result<std::unique_ptr<Db>> Db::Open(const std::string& path, OpenMode mode) {
  const bool memory = path == ":memory:";
  if (mode == OpenMode::kCreate && !memory) {
    // Create the file ourselves so that it is the owner's alone from the start;
    // SQLite gives its -wal and -shm files the same permissions.
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return Status::Error(path + ": cannot create (" + std::strerror(errno) + ")");
    ::close(fd);
  } else if (!memory) {
    if (Status s = CheckExisting(path); !s.ok()) return s;
  }
  ConfigureOnce();
  std::string name = path;
  int flags = SQLITE_OPEN_NOMUTEX;
  if (mode == OpenMode::kReadOnly && !memory) {
    // Without a writer there is nothing to coordinate with: immutable reads
    // need no -shm file, so nothing is created beside the database.
    struct stat wal {};
    const bool writer_active = ::stat((path + "-wal").c_str(), &wal) == 0 && wal.st_size > 0;
    name = UriPath(path) + (writer_active ? "?mode=ro" : "?immutable=1");
    flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
  } else {
    flags |= SQLITE_OPEN_READWRITE;
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string why = Describe(db, rc);
    sqlite3_close(db);
    return Status::Error(path + ": " + why);
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db, 0);
  const bool read_only = sqlite3_db_readonly(db, "main") == 1;
  return std::unique_ptr<Db>(new Db(db, path, read_only));
}

Db::~Db() { sqlite3_close_v2(db_); }

Status Db::Error(int rc) const {
  last_error_busy_ = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
  return Status::Error(path_ + ": " + Describe(db_, rc));
}

void Db::SetBusyTimeout(int ms) { sqlite3_busy_timeout(db_, ms); }

Result<Stmt> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &s, nullptr);
  if (rc != SQLITE_OK) return Error(rc);
  return Stmt(s, this);
}

Status Db::Exec(const std::string& sql) {
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) return Status::Ok();
  return Error(rc);
}

int64_t Db::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
Status Db::FlushCache() {
  const int rc = sqlite3_db_cacheflush(db_);
  return rc == SQLITE_OK ? Status::Ok() : Error(rc);
}
int Db::Changes() const { return sqlite3_changes(db_); }

Result<std::optional<int64_t>> Db::QueryInt(const std::string& sql) {
  Result<Stmt> s = Prepare(sql);
  if (!s.ok()) return s.status();
  if (s->Step()) return std::optional<int64_t>(s->Int(0));
  if (!s->status().ok()) return s->status();
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

Status Transaction::BeginRead() {
  Status s = db_.Exec("BEGIN");
  open_ = s.ok();
  return s;
}

Status Transaction::Commit() {
  Status s = db_.Exec("COMMIT");
  if (s.ok()) open_ = false;
  return s;
}

}  // namespace qinglian::sql
