-- wrk script: POST the report body in $BODY to /v1/reports, each request with its own
-- Idempotency-Key (as the form and well-behaved clients send), so each is a new report.
local counter = 0
local threads = 0
local body = assert(io.open(os.getenv("BODY"))):read("*a")

function setup(thread)
  threads = threads + 1
  thread:set("prefix", "wrk-" .. os.time() .. "-" .. threads .. "-")
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/v1/reports", {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = prefix .. counter,
  }, body)
end

-- Any answer but 201 is counted, and the script's summary says how many.
local refused = 0
function response(status)
  if status ~= 201 then refused = refused + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%s %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("reports/s %.0f\n", summary.requests / (summary.duration / 1e6)))
end
