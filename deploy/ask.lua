-- wrk script: GET /api/v1/ask, rotating through real helpdesk queries (each thread starts at its own one).
local queries = {
  "netflix says currently unavailable",
  "imessage won't send from the office",
  "CONNECT login.live.com:443 failed",
  "instagarm couldn't refresh feed",
  "yelp an ssl error has occurred",
  "signal won't connect",
  "No Internet Connection",
  "dropbox keeps saying it can't sync",
}

local function encode(text)
  return (text:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local paths = {}
for i, q in ipairs(queries) do paths[i] = "/api/v1/ask?q=" .. encode(q) end

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("offset", counter)
end

local n = 0
function request()
  n = n + 1
  return wrk.format("GET", paths[(n + (offset or 0)) % #paths + 1])
end
