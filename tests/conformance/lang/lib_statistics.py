import statistics
from statistics import mean, fmean, median, median_low, median_high, mode, multimode, stdev, pstdev, variance, pvariance

print(mean([1, 2, 3, 4, 4]), mean([1, 2, 3]), mean([1, 2]), mean([0.1, 0.2, 0.3]), mean([-1.0, 2.5, 3.25, 5.75]))
print(mean(range(1, 101)), mean([True, False, True]), mean((x / 3 for x in range(10))), fmean([3.5, 4.0, 5.25]))
print(fmean([0.1, 0.2, 0.3]), fmean([85, 92, 83, 91], weights=[0.20, 0.20, 0.30, 0.30]))
print(median([1, 3, 5]), median([1, 3, 5, 7]), median([5, 1, 3, 2]), median_low([1, 3, 5, 7]), median_high([1, 3, 5, 7]))
print(median([2.5, 1.0]), median(["b", "a", "c"]), median_low(["b", "a"]))
print(mode([1, 1, 2, 3, 3, 3, 3, 4]), mode(["red", "blue", "blue", "red", "green", "red", "red"]), mode("aabbb"))
print(multimode("aabbbbccddddeeffffgg"), multimode([]), mode([1, 2, 2, 1]))
data = [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]
print(variance(data), pvariance(data), stdev(data), pstdev(data))
print(variance([1, 2, 3, 4]), pvariance([1, 2, 3, 4]), variance([2, 4, 4, 4, 5, 5, 7, 9]), pvariance([2, 4, 4, 4, 5, 5, 7, 9]))
print(stdev([2, 4, 4, 4, 5, 5, 7, 9]), pstdev([2, 4, 4, 4, 5, 5, 7, 9]), stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]))
print(pstdev([0.0, 0.25, 0.25, 1.25, 1.5, 1.75, 2.75, 3.25]), variance([0.1, 0.2, 0.3, 0.4]), stdev([10, 12, 23, 23, 16, 23, 21, 16]))
m = mean(data); print(variance(data, m), stdev([1, 2, 3, 4, 5]), pstdev([5, 5, 5]), variance([3, 3]))
latencies = [12.5, 13.1, 11.9, 15.2, 12.8, 30.4, 12.2]
print(round(mean(latencies), 3), median(latencies), round(stdev(latencies), 6), max(latencies) - min(latencies))
for bad in [lambda: mean([]), lambda: median([]), lambda: mode([]), lambda: variance([1]), lambda: stdev([]), lambda: pvariance([])]:
    try: bad()
    except statistics.StatisticsError as e: print("StatisticsError", e)
print(issubclass(statistics.StatisticsError, ValueError))
