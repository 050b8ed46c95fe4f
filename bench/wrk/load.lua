-- The load generator's wrk script (driven by bench/load.ts). Every request comes from a file the
-- harness prepared: raw HTTP requests separated by NUL. In "once" mode (redemptions: one-time codes
-- and idempotency keys) no request is ever sent twice; in "cycle" mode (reads) the list repeats.
-- Each connection sends its next request as soon as the previous one answered (closed loop).
-- Answers are counted by status; done() prints one `WRK_RESULT {json}` line.
--
-- Environment (set by bench/load.ts):
--   LINLI_WRK_PLAN         the request file
--   LINLI_WRK_OK           the one status that counts as success (201 redemptions, 200 reads)
--   LINLI_WRK_THREADS      wrk's -t (in once mode thread t takes the requests whose index ≡ t mod threads)
--   LINLI_WRK_CONNECTIONS  wrk's -c (to undo wrk's latency correction, see done())
--   LINLI_WRK_SKIP         index of the first request to use (those before it were used by the warm-up)
--   LINLI_WRK_CYCLE        "1": go round the list again when it ends
--   LINLI_WRK_MAX          at most this many requests sent by each thread (a count bound in cycle mode)
--
-- When a "once" list runs out the thread stops (wrk.thread:stop()) and says so on stderr
-- ("WRK_EXHAUSTED"), so that the harness ends the run (SIGINT) instead of letting it idle until
-- its duration. The request returned to the connection that found the list empty is never answered
-- (its headers never end), so it can neither count as success nor reuse a code; it is counted as
-- `exhausted` instead.

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

local text = ""
-- Where each of this thread's requests lies in `text` (or, in cycle mode, the requests themselves).
local starts, ends, cached = {}, {}, {}
local count = 0
local position = 1
local okStatus
local cycle = false
local maxSent = math.huge
local firstIndex = 0
local nthreads = 1
local probePending = false
-- Globals: done() reads them from each thread through thread:get.
sent, ok, exhausted, lastIndex, readyTicks = 0, 0, 0, -1, -1
statuses = {}

-- Sent when the list is empty; its headers never end, so the server never answers it.
local NEVER_ANSWERED = "GET /api/bench-exhausted HTTP/1.1\r\nHost: exhausted\r\nX-Bench-Exhausted: 1\r\n"
-- What wrk parses (never sends) before thread 0 starts: wrk calls request() once on thread 0's
-- state to check the request is well formed. Answering it from the list would waste a request.
local PROBE = "GET /api/health HTTP/1.1\r\nHost: probe\r\n\r\n"

-- This process's CPU time so far (user + system, all its threads, in clock ticks) and ticks per second.
local function cpuTicks()
  local f = io.open("/proc/self/stat", "r")
  if not f then return -1, 100 end
  local stat = f:read("*a")
  f:close()
  local fields = {}
  for x in string.gmatch(stat:match("%) (.*)$") or "", "%S+") do fields[#fields + 1] = x end
  local hz = 100
  local okffi, ffi = pcall(require, "ffi")
  if okffi then
    pcall(ffi.cdef, "long sysconf(int name);")
    local ok, v = pcall(function() return tonumber(ffi.C.sysconf(2)) end) -- _SC_CLK_TCK
    if ok and v and v > 0 then hz = v end
  end
  -- After "(comm) ": state is field 1, utime 12, stime 13 (fields 14 and 15 of proc(5)).
  return (tonumber(fields[12]) or -1) + (tonumber(fields[13]) or 0), hz
end

function init(args)
  nthreads = tonumber(os.getenv("LINLI_WRK_THREADS") or "1")
  okStatus = tonumber(os.getenv("LINLI_WRK_OK") or "200")
  cycle = os.getenv("LINLI_WRK_CYCLE") == "1"
  maxSent = tonumber(os.getenv("LINLI_WRK_MAX") or "") or math.huge
  local skip = tonumber(os.getenv("LINLI_WRK_SKIP") or "0")
  probePending = index == 0
  local f = assert(io.open(assert(os.getenv("LINLI_WRK_PLAN"), "LINLI_WRK_PLAN not set"), "rb"))
  text = f:read("*a")
  f:close()
  -- Only the offsets: a request's string is made when it is sent (the file can hold 50,000).
  local i, pos = 0, 1
  firstIndex = -1
  while true do
    local z = string.find(text, "\0", pos, true)
    if not z then break end
    -- Once: thread t takes the requests whose index ≡ t (mod threads). Cycle: every thread takes them all.
    if z > pos and (cycle or (i >= skip and i % nthreads == index)) then
      if firstIndex < 0 then firstIndex = i end
      count = count + 1
      starts[count], ends[count] = pos, z - 1
      if cycle then cached[count] = string.sub(text, pos, z - 1) end
    end
    i = i + 1
    pos = z + 1
  end
  -- The last thread is set up: wrk starts its clock now (bench/load.ts times sub-second runs from here).
  if index == nthreads - 1 then
    readyTicks = cpuTicks()
    io.stderr:write("WRK_READY\n")
  end
end

local function runOut()
  exhausted = exhausted + 1
  if exhausted == 1 then io.stderr:write("WRK_EXHAUSTED\n") end
  wrk.thread:stop()
  return NEVER_ANSWERED
end

function request()
  if probePending then
    probePending = false
    return PROBE
  end
  if sent >= maxSent then return runOut() end
  if position > count then
    if cycle and count > 0 then position = 1 else return runOut() end
  end
  local raw
  if cycle then
    raw = cached[position]
  else
    raw = string.sub(text, starts[position], ends[position])
    lastIndex = firstIndex + (position - 1) * nthreads
  end
  position = position + 1
  sent = sent + 1
  return raw
end

function response(status, headers, body)
  if status == okStatus then
    ok = ok + 1
  else
    statuses[status] = (statuses[status] or 0) + 1
  end
end

-- wrk 4.1.0 "corrects" its latency histogram for coordinated omission before done(): for every
-- recorded latency n ≥ 2·e, with e = duration / (requests / connections), it adds synthetic samples
-- at n − e, n − 2e, … (> e). In a closed loop that adds requests that were never made, so the
-- figures here are the raw ones: the correction is undone on wrk's histogram (struct stats of
-- src/stats.h, read through LuaJIT's FFI), and checked (the raw count must equal the recorded
-- answers). If that is not possible, wrk's own (corrected) percentiles are reported, flagged.
local function rawLatency(latency, summary, connections, ps)
  local okffi, ffi = pcall(require, "ffi")
  if not okffi then return nil, "no ffi" end
  pcall(ffi.cdef, "typedef struct { uint64_t count; uint64_t limit; uint64_t min; uint64_t max; uint64_t data[]; } linli_wrk_stats;")
  local s = ffi.cast("linli_wrk_stats **", latency)[0]
  local total = tonumber(s.count)
  local lo, hi = tonumber(s.min), tonumber(s.max)
  if total == 0 then return nil, "no samples" end
  -- Only counts are needed; copy the used range (min..max) into doubles.
  local n = hi - lo + 1
  if n > 50000000 then return nil, "latency range too wide" end
  local data = ffi.new("double[?]", n)
  for v = lo, hi do data[v - lo] = tonumber(s.data[v]) end
  local perConnection = math.floor(summary.requests / connections)
  if perConnection > 0 then
    local e = math.floor(summary.duration / perConnection)
    if e <= 0 then return nil, "bad interval" end
    -- Undo in descending order: a value's own count is final once every larger value is undone.
    for v = hi, 2 * e, -1 do
      local c = v >= lo and data[v - lo] or 0
      if c > 0 then
        local m = v - e
        while m > e do
          if m >= lo then data[m - lo] = data[m - lo] - c end
          total = total - c
          m = m - e
        end
      end
    end
  end
  for v = 0, n - 1 do
    if data[v] < 0 then return nil, "negative count after undoing the correction" end
  end
  local recorded = summary.requests - summary.errors.timeout
  if total ~= recorded then return nil, string.format("raw count %d != recorded %d", total, recorded) end
  local out = {}
  for _, p in ipairs(ps) do
    local rank = math.max(1, math.ceil(p / 100 * total))
    local seen = 0
    for v = lo, hi do
      seen = seen + data[v - lo]
      if seen >= rank then out[#out + 1] = v break end
    end
  end
  return out
end

function done(summary, latency, requests)
  local ticks, hz = cpuTicks()
  local sentTotal, okTotal, exhaustedTotal, next = 0, 0, 0, 0
  local byStatus = {}
  for _, t in ipairs(threads) do
    sentTotal = sentTotal + t:get("sent")
    okTotal = okTotal + t:get("ok")
    exhaustedTotal = exhaustedTotal + t:get("exhausted")
    next = math.max(next, t:get("lastIndex") + 1)
    for k, v in pairs(t:get("statuses")) do byStatus[k] = (byStatus[k] or 0) + v end
  end
  local statusJson = {}
  for k, v in pairs(byStatus) do statusJson[#statusJson + 1] = string.format('"%d":%d', k, v) end
  local connections = tonumber(os.getenv("LINLI_WRK_CONNECTIONS") or "1")
  local ps = { 50, 90, 99, 100 }
  local values, why = nil, "no samples"
  if summary.requests > 0 then values, why = rawLatency(latency, summary, connections, ps) end
  local corrected = values == nil
  if corrected then
    values = {}
    for i, p in ipairs(ps) do values[i] = p == 100 and latency.max or latency:percentile(p) end
  end
  local e = summary.errors
  local ready = threads[#threads]:get("readyTicks")
  io.write(string.format(
    'WRK_RESULT {"sent":%d,"next":%d,"answered":%d,"ok":%d,"statuses":{%s},"exhausted":%d,"duration_us":%d,' ..
    '"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
    '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"latency":"%s"%s,"cpu_ticks":%d,"run_cpu_ticks":%d,"clock_ticks_per_s":%d}\n',
    sentTotal, next, summary.requests, okTotal, table.concat(statusJson, ","), exhaustedTotal, summary.duration,
    e.connect, e.read, e.write, e.timeout,
    values[1], values[2], values[3], values[4], corrected and "corrected" or "raw",
    corrected and string.format(',"latency_note":"%s"', why) or "", ticks, ready >= 0 and ticks - ready or -1, hz))
end
