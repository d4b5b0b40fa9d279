import os; import sys
import json; import re; x = 1
import csv, \
    glob
import shutil, \
    tempfile

print(sys, re, glob, shutil)
