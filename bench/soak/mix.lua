-- wrk's share of the soak: GET requests cycling through the paths given after `--`
-- (`wrk ... -s mix.lua http://127.0.0.1:PORT -- /api/v1/stats /sparql?query=...`), and at the
-- end one line counting the answers by status, an error's code beside its status:
-- `statuses 200=1234 503:busy=2`.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = args
  statuses = {}
  counter = 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status, headers, body)
  local key = tostring(status)
  if status ~= 200 and body then
    local code = string.match(body, '"code"%s*:%s*"([%w_]+)"')
    if code then
      key = key .. ":" .. code
    end
  end
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local line = "statuses"
  for status, count in pairs(total) do
    line = line .. string.format(" %s=%d", status, count)
  end
  io.write(line .. "\n")
end
