// The same job done by DuckDB, for comparison: read the employee file and both
// offence files, join on the ID column inside the employment window, and
// write the leads to a table. Prints seconds, peak RSS and the lead count.
//   node bench/duckdb_join.mjs EMPLOYEES TRAFFIC PUBLIC_SECURITY OUT.duckdb
import { DuckDBInstance } from '@duckdb/node-api';

const [employees, traffic, publicSecurity, out] = process.argv.slice(2);
const start = performance.now();
const instance = await DuckDBInstance.create(out);
const con = await instance.connect();
// DuckDB's CSV reader stops at a short row; ignore_errors drops such rows.
const job = await con.prepare(`
CREATE OR REPLACE TABLE leads AS
WITH e AS (
  SELECT "单位名称" AS unit, "姓名" AS name, "身份证号码" AS id,
         COALESCE(try_strptime("参加工作时间", '%Y-%m-%d'), try_strptime("参加工作时间", '%Y/%m/%d'),
                  try_strptime("参加工作时间", '%Y年%m月%d日'))::DATE AS hire,
         try_strptime("离职时间", '%Y-%m-%d')::DATE AS leave
  FROM read_csv($1, all_varchar = true, ignore_errors = true)),
o AS (
  SELECT "证件号码" AS id, try_strptime("违法时间", '%Y-%m-%d %H:%M:%S')::DATE AS day, "违法行为" AS label,
         "血液酒精含量（mg/100ml）" AS bac, "决定书编号" AS case_no
  FROM read_csv($2, all_varchar = true, ignore_errors = true)
  UNION ALL
  SELECT "身份证号", try_strptime("案发时间", '%Y年%m月%d日')::DATE, "案由", NULL, "案件编号"
  FROM read_csv($3, all_varchar = true, ignore_errors = true))
SELECT e.unit, e.name, o.* FROM o JOIN e ON o.id = e.id AND o.day >= e.hire AND (e.leave IS NULL OR o.day <= e.leave)`);
job.bindVarchar(1, employees);
job.bindVarchar(2, traffic);
job.bindVarchar(3, publicSecurity);
await job.run();
const count = (await con.runAndReadAll('SELECT count(*) FROM leads')).getRows()[0][0];
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ seconds, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), leads: Number(count) }));
