-- wrk script for bench/fights.sh: each request asks /api/v1/fights/suggest for another prefix, one to three syllables
-- of the names `podium fights seed-bench` builds (so some prefixes match hundreds of fighters, some a handful).
local syllables = { "al", "an", "ar", "ba", "bo", "ca", "da", "de", "el", "fa", "ga", "go", "ha", "ia", "il", "jo",
  "ka", "ki", "la", "lu", "ma", "mi", "na", "no", "or", "pa", "ra", "ro", "sa", "so", "ta", "to", "ul", "va", "vi", "za" }
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
wrk.headers["X-Forwarded-Proto"] = "https"
request = function()
  local q = syllables[math.random(#syllables)]
  local extra = math.random(3) - 1
  for _ = 1, extra do q = q .. syllables[math.random(#syllables)] end
  if math.random(4) == 1 then q = q:sub(1, 1) end -- a first keystroke
  return wrk.format("GET", "/api/v1/fights/suggest?q=" .. q)
end
