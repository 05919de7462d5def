x = 3
names = ['a', 'b']
r = 2 * x
print("结果是", r, "，名字：", names)
