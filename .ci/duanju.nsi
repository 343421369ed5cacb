; The Windows installer of Duanju Studio (Debian's nsis: makensis).
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DSTAGE=dist/windows -DOUTFILE=dist/setup.exe .ci/duanju.nsi
; Installs the app and duanju-cli into Program Files, a Start-menu shortcut,
; the .duanju file association and an uninstaller (Apps & features). Silent:
; setup.exe /S, Uninstall.exe /S. Projects and settings under %APPDATA%
; (duanju, fyne\studio.duanju.app) are the user's and stay on uninstall.

Target amd64-unicode ; a 64-bit installer for the 64-bit app (and for Wine without 32-bit support)
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!define APP      "Duanju Studio"
!define APP_ZH   "短剧工坊"
!define EXE      "Duanju Studio.exe"
!define PROGID   "DuanjuStudio.Project"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\DuanjuStudio"

Name "${APP} ${APP_ZH} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "${UNINSTKEY}" "InstallLocation"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} ${APP_ZH} installer"
VIAddVersionKey /LANG=0 "LegalCopyright" "Duanju Studio"

!include "MUI2.nsh"
!include "x64.nsh"
!define MUI_ICON "${STAGE}\app.ico"
!define MUI_UNICON "${STAGE}\app.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APP} needs 64-bit Windows." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "Install"
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  File "${STAGE}\${EXE}"
  File "${STAGE}\duanju-cli.exe"
  File "${STAGE}\OFL.txt"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\${EXE}"
  CreateShortcut "$SMPROGRAMS\${APP}\Uninstall ${APP}.lnk" "$INSTDIR\Uninstall.exe"

  ; .duanju opens in the app (Explorer double-click, "Open with")
  WriteRegStr HKCR ".duanju" "" "${PROGID}"
  WriteRegStr HKCR ".duanju" "Content Type" "application/x-duanju"
  WriteRegStr HKCR "${PROGID}" "" "${APP} project (${APP_ZH}项目)"
  WriteRegStr HKCR "${PROGID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr HKCR "${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  WriteRegStr HKLM "${UNINSTKEY}" "DisplayName" "${APP} ${APP_ZH}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTKEY}" "Publisher" "Duanju Studio"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKLM "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTKEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKLM "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\duanju-cli.exe"
  Delete "$INSTDIR\OFL.txt"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}\${APP}.lnk"
  Delete "$SMPROGRAMS\${APP}\Uninstall ${APP}.lnk"
  RMDir "$SMPROGRAMS\${APP}"

  ; drop the association only while it is still ours
  ReadRegStr $0 HKCR ".duanju" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCR ".duanju"
  DeleteRegKey HKCR "${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKLM "${UNINSTKEY}"
SectionEnd
