import os
import os.path

print(os.getcwd())
