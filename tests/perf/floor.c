/* The floor of `make bench`: what every run of needlecare pays before it
 * does anything, as issue 8 defines it: it only calls setlocale() for every
 * category (needlecare's main() sets the character set alone), and the Makefile links it with ncursesw and iniparser (kept even
 * though unused) and builds it with the project's own flags. */
#include <locale.h>

int main(void)
{
	setlocale(LC_ALL, "");
	return 0;
}
