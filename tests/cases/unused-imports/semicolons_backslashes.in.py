import sys
import re; x = 1
import glob
import shutil

print(sys, re, glob, shutil)
