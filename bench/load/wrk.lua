-- The wrk script of bench/load.sh. Without arguments wrk sends its command-line request; with
--   -- body FILE                     it POSTs FILE as JSON;
--   -- signed FILE NTHREADS READY    each thread replays its share of FILE's signed deliveries (lines of path, webhook-id,
-- webhook-timestamp, webhook-signature and body, tab-separated, as SignedRequests writes them; load.sh
-- writes a fresh file before each use). When a thread runs out it starts over: the gateway
-- answers those as replays, which are counted and fail the run (the file was too small).
-- No thread sends before every thread has loaded its share: wrk starts each thread as soon as its
-- init returns, while the next thread's init still runs, and its clock only after the last one; a
-- thread that sent during the others' loading (seconds, for a large file) would add requests that
-- the run's duration does not cover, and its requests per second would read high. The last thread
-- to load creates the file READY; each thread's first request waits until it exists.
-- done() prints one RESULT line for LoadTable, named by the CASE and LOAD environment variables.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

replayed = 0

function init(args)
  local mode = args[1]
  if mode == "body" then
    local f = assert(io.open(args[2], "rb"))
    wrk.method = "POST"
    wrk.body = f:read("*a")
    wrk.headers["Content-Type"] = "application/json"
    f:close()
  elseif mode == "signed" then
    local nthreads = tonumber(args[3])
    ready_file = assert(args[4], "signed FILE NTHREADS READY: READY missing")
    if id == 0 then
      os.remove(ready_file) -- the first init runs before any thread starts: no earlier run's file counts
    end
    load_deliveries(args[2], nthreads)
    if id == nthreads - 1 then
      assert(io.open(ready_file, "w")):close()
    end
    return
  end
  plain = wrk.format()
end

function load_deliveries(file, nthreads)
  requests = {}
  count = 0
  index = 0
  local line_no = 0
  for line in io.lines(file) do
    if line_no % nthreads == id then
      local path, wid, ts, sig, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      count = count + 1
      requests[count] = wrk.format("POST", path, {
        ["Content-Type"] = "application/json",
        ["webhook-id"] = wid,
        ["webhook-timestamp"] = ts,
        ["webhook-signature"] = sig,
      }, body)
    end
    line_no = line_no + 1
  end
end

-- Blocks this thread (nothing else runs on it before its first request) until the READY file
-- exists, looking every millisecond; wrk's delay() cannot hold a request, only postpone it once.
local ffi = require("ffi") -- wrk runs LuaJIT
ffi.cdef[[int usleep(unsigned int usec);]]
function wait_until_ready()
  for _ = 1, 300000 do
    local f = io.open(ready_file, "r")
    if f ~= nil then
      f:close()
      ready = true
      return
    end
    ffi.C.usleep(1000)
  end
  error("no READY file after 300 s: " .. ready_file)
end

local calls = 0

function request()
  calls = calls + 1
  -- wrk's main thread calls the first thread's request() once, to check that the request parses,
  -- before it runs the later threads' init: that call must not wait
  if ready_file ~= nil and not ready and not (id == 0 and calls == 1) then
    wait_until_ready()
  end
  if requests == nil then
    return plain
  end
  index = index + 1
  if index > count then
    index = 1
  end
  return requests[index]
end

function response(status, headers, body)
  if headers["Veil-Replayed"] ~= nil or headers["veil-replayed"] ~= nil then
    replayed = replayed + 1
  end
end

function done(summary, latency, requests)
  local replays = 0
  for _, t in ipairs(threads) do
    replays = replays + (t:get("replayed") or 0)
  end
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("RESULT|%s|%s|%d|%.3f|%.1f|%.1f|%.1f|%d|%d\n", os.getenv("CASE") or "case", os.getenv("LOAD") or "",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
    errors, replays))
end
