/* The floor of `make bench`: what every run of needlecare pays before it
 * does anything. It only calls setlocale(), as needlecare's main() does
 * first, and the Makefile links it with ncursesw and iniparser (kept even
 * though unused) and builds it with the project's own flags. */
#include <locale.h>

int main(void)
{
	setlocale(LC_ALL, "");
	return 0;
}
