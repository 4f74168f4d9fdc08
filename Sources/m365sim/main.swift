print("m365sim: not built yet")
