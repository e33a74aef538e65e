-- wrk script for bench/run.py: cycles through the paths in the file given after `--`,
-- counts responses by status and sums the X-Queries header, and prints one JSON line.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- Visitors: the load comes from one address, but a fair's visitors come from many, and
-- the API throttles each address (120 requests a minute). The app is told of one proxy in
-- front (AXES_PROXY_COUNT=1), so each request names its visitor in X-Forwarded-For: 750
-- addresses from the documentation ranges (RFC 5737; a header value, never a target).
local networks = {"192.0.2.", "198.51.100.", "203.0.113."}

function init(args)
  local paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      table.insert(paths, line)
    end
  end
  requests_list = {}
  for i = 0, 2999 do
    local address = networks[i % 3 + 1] .. (math.floor(i / 3) % 250 + 1)
    local headers = {["Accept-Language"] = "en", ["X-Forwarded-For"] = address}
    table.insert(requests_list, wrk.format("GET", paths[i % #paths + 1], headers))
  end
  index = math.random(#requests_list)
  statuses = {}
  queries = 0
  counted = 0
end

function request()
  index = index % #requests_list + 1
  return requests_list[index]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local q = headers["X-Queries"]
  if q then
    queries = queries + tonumber(q)
    counted = counted + 1
  end
end

function done(summary, latency, requests)
  local all = {}
  local total_queries, total_counted = 0, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      all[status] = (all[status] or 0) + n
    end
    total_queries = total_queries + thread:get("queries")
    total_counted = total_counted + thread:get("counted")
  end
  local parts = {}
  for status, n in pairs(all) do
    table.insert(parts, string.format('"%d": %d', status, n))
  end
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "socket_errors": %d, "timeouts": %d, "statuses": {%s}, ' ..
    '"queries": %d, "counted": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max,
    summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.timeout, table.concat(parts, ", "), total_queries, total_counted))
end
