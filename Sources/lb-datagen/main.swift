import LBHost
print("lb-datagen")
