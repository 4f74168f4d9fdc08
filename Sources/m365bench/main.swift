print("m365bench: not built yet")
