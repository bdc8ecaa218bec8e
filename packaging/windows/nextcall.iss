; Inno Setup (6.3 or later) script: the Windows installer for the one-folder bundle.
;
; On Windows, from the repository root:
;   py -3.11 packaging\build_bundle.py          makes packaging\dist\nextcall\ and packaging\icons\
;   iscc /DAppVersion=0.1.0 packaging\windows\nextcall.iss
; writes packaging\dist\NextCall-0.1.0-setup.exe.
;
; It installs for the current user only, without administrator rights, into
; %LOCALAPPDATA%\Programs\NextCall, with a Start-menu entry and an uninstaller.
; Your data is not in that folder: NextCall keeps it in %APPDATA%\NextCall (the platform's user
; data folder), which neither the installer nor the uninstaller ever touches, so uninstalling
; or upgrading keeps every application, note and backup.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "NextCall"
#define AppExe "nextcall-gui.exe"

[Setup]
; Identifies the installation for upgrades and the uninstaller: never change it.
AppId=app.nextcall.NextCall
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The NextCall team
; Per-user install: no UAC prompt, {autopf} is %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
LicenseFile=..\..\LICENSE
SetupIconFile=..\icons\nextcall.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\dist
OutputBaseFilename=NextCall-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running NextCall before replacing its files (it saves as you type).
CloseApplications=yes
RestartApplications=no

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundle's internals whole, so no file of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\nextcall\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Track call-center job applications milestone by milestone"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section: the uninstaller removes exactly the files it installed, and
; nothing in %APPDATA%\NextCall.
