-- wrk script for tests/web/load.sh. LOAD_KIND chooses the one request this
-- run sends over and over (load.sh runs several kinds at once, each in its
-- own wrk, so that every status is counted against the kind of request
-- that got it); LOAD_REQUESTS_PER_THREAD, when set, stops each thread after
-- that many responses.

local dir = os.getenv("LOAD_DIR")
local mode = os.getenv("LOAD_MODE") or "steady"
local limit = tonumber(os.getenv("LOAD_REQUESTS_PER_THREAD") or "0")

local function read(name)
  local f = assert(io.open(dir .. "/" .. name, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local json = { ["Content-Type"] = "application/json" }
local kind = os.getenv("LOAD_KIND") or "check-20k"
local req
local responses = 0
counts = {}
threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local builders = {
    ["check-1k"] = function() return wrk.format("POST", "/api/v1/check", json, read("draft-1k.json")) end,
    ["check-20k"] = function() return wrk.format("POST", "/api/v1/check", json, read("draft-20k.json")) end,
    ["check-100k"] = function() return wrk.format("POST", "/api/v1/check", json, read("draft-100k.json")) end,
    ["fix-20k"] = function() return wrk.format("POST", "/api/v1/fix", json, read("draft-20k.json")) end,
    ["rules"] = function() return wrk.format("GET", "/api/v1/rules") end,
    ["healthz"] = function() return wrk.format("GET", "/healthz") end,
    ["bad-json"] = function() return wrk.format("POST", "/api/v1/check", json, read("draft-20k.json"):sub(1, 5000)) end,
    ["wrong-type"] = function() return wrk.format("POST", "/api/v1/check", { ["Content-Type"] = "text/plain" }, read("draft-1k.json")) end,
    ["unknown-rule"] = function() return wrk.format("POST", "/api/v1/check", json, read("unknown-rule.json")) end,
    ["too-large"] = function() return wrk.format("POST", "/api/v1/check", json, read("too-large.json")) end,
  }
  req = assert(builders[kind], "unknown LOAD_KIND")()
end

function request()
  return req
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  responses = responses + 1
  if limit > 0 and responses >= limit then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for k, v in pairs(c) do
      total[k] = (total[k] or 0) + v
    end
  end
  local keys = {}
  for k in pairs(total) do table.insert(keys, k) end
  table.sort(keys)
  io.write("LOAD statuses:")
  for _, k in ipairs(keys) do io.write(string.format(" [%s %s]=%d", kind, k, total[k])) end
  io.write("\n")
  io.write(string.format(
    "LOAD kind=" .. kind .. " requests=%d seconds=%.1f req_per_s=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors_connect=%d errors_read=%d errors_timeout=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.connect, summary.errors.read, summary.errors.timeout,
    summary.errors.status))
end
