class A:\
 pass
