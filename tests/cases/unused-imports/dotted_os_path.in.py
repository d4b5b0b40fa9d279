import os
import os.path
import xml.dom
import email.mime.text

print(os.getcwd())
