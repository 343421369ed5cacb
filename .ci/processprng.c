/*
 * bcryptprimitives.dll for the Wine smoke test only (never shipped).
 *
 * Go's Windows runtime (1.22+) reads random bytes with ProcessPrng from
 * bcryptprimitives.dll, which Windows 10 and later have and Wine 8.0 lacks:
 * without it the exe dies at start with "bcryptprimitives.dll not found".
 * This DLL implements ProcessPrng over advapi32's SystemFunction036
 * (RtlGenRandom), which Wine has. Build:
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll processprng.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	/* RtlGenRandom takes a ULONG length: feed it in chunks. */
	while (length > 0) {
		ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}
