-- wrk script of reads-benchmark.sh (WRK=1): each request is a random line of the file named by WRK_PATHS, written by
-- dev.parley.loadtest.reads.ReadsPaths (the paths Gatling requests in the same scenario).
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  paths[#paths + 1] = line
end
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))

request = function()
  return wrk.format("GET", paths[math.random(#paths)], { ["Accept"] = "application/json" })
end
