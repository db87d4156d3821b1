-- wrk script: POST a DISTINCT pre-generated verification request each time (bench/verify/README.md).
--   wrk -t1 -c64 -d20s -s distinct.lua http://127.0.0.1:18080/v1/verifications -- CODES_FILE WRK_THREADS
-- CODES_FILE has one request a line: "<client assertion or ->\t<JSON body>" (VerifyBench gen). Thread i of
-- n takes lines i, i+n, i+2n, ... so no two threads send the same code; a thread that runs out starts over
-- and the wrap count is printed at the end (a wrapped run repeats codes and jtis: make more codes).
local threads = {}
local next_id = 0

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

function init(args)
   local file = args[1] or os.getenv("YMT_CODES")
   local n = tonumber(args[2] or "1")
   local path = wrk.path
   requests = {}
   sent = 0
   local i = 0
   for line in io.lines(file) do
      if i % n == id then
         local tab = line:find("\t", 1, true)
         local assertion = line:sub(1, tab - 1)
         local headers = { ["Content-Type"] = "application/json" }
         -- Hook for caller authentication: a pre-made client assertion per request (unique jti).
         if assertion:sub(1, 7) == "Bearer " then
            headers["Authorization"] = assertion
         elseif assertion ~= "-" then
            headers["Ymt-Client-Assertion"] = assertion
         end
         requests[#requests + 1] = wrk.format("POST", path, headers, line:sub(tab + 1))
      end
      i = i + 1
   end
   count = #requests
   if count == 0 then
      error("no requests for thread " .. id .. " in " .. tostring(file))
   end
end

function request()
   sent = sent + 1
   local k = sent % count
   if k == 0 then
      return requests[count]
   end
   return requests[k]
end

function done(summary, latency, requests)
   local distinct, wrapped = 0, 0
   for _, t in ipairs(threads) do
      local s, n = t:get("sent") or 0, t:get("count") or 0
      distinct = distinct + math.min(s, n)
      if s > n then
         wrapped = wrapped + 1
      end
   end
   io.write(string.format("distinct-codes: %d of %d requests sent; threads that ran out of codes: %d\n",
      distinct, summary.requests, wrapped))
end
