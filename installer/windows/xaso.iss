; Xã Số — Windows installer (Inno Setup 6.3 or newer), Windows 10 1809+ / 11, x64.
;
; Build on Windows after the PyInstaller bundle exists in build\dist\xaso (docs/INSTALL.md):
;   iscc /DAppVersion=0.1.0 installer\windows\xaso.iss
; The output is build\installer\XaSo-<version>-setup.exe; sign it as docs/INSTALL.md says.
;
; Data never lives under {app}: an upgrade replaces program files only, and uninstalling keeps
; the data unless the person explicitly asks (and never in a silent uninstall).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Xã Số"
#define AppExe "xaso.exe"
#define SharedData "{commonappdata}\XaSo"
#define UserData "{localappdata}\XaSo"

[Setup]
; Never change AppId: upgrades find the installed copy by it.
AppId={{6B1F3C2E-7A4D-4E0B-9C57-2D8E4A1F0B61}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Xã Số
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\XaSo
DefaultGroupName={#AppName}
UsePreviousAppDir=yes
DisableProgramGroupPage=yes
; Windows 10 1809 (build 17763) is the oldest supported: older systems are refused with a message.
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
OutputDir=..\..\build\installer
OutputBaseFilename=XaSo-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\xaso.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "vi"; MessagesFile: "compiler:Default.isl,Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
vi.DataPageTitle=Thư mục dữ liệu
vi.DataPageDescription=Dữ liệu của xã (đã mã hoá) được lưu ở đâu trên máy này?
vi.DataPageIntro=Chọn "Riêng từng tài khoản Windows" nếu mỗi cán bộ đăng nhập Windows bằng tài khoản riêng và dùng dữ liệu riêng. Chọn "Dùng chung cho máy" cho máy văn phòng dùng chung: mọi tài khoản Windows trên máy mở cùng một kho dữ liệu (vẫn được mã hoá và phân quyền bằng tài khoản Xã Số).
vi.DataPerUser=Riêng từng tài khoản Windows (%LOCALAPPDATA%\XaSo) — khuyên dùng
vi.DataShared=Dùng chung cho máy ({commonappdata}\XaSo)
vi.DesktopIcon=Tạo biểu tượng trên màn hình nền
vi.RemoveDataQuestion=Xoá luôn DỮ LIỆU của Xã Số trên máy này?%n%nThư mục: %1%n%nDữ liệu đã xoá không lấy lại được. Chỉ chọn "Có" khi đã sao lưu và đồng bộ hết. Chọn "Không" để giữ dữ liệu (khuyên dùng).
vi.LaunchApp=Mở Xã Số
en.DataPageTitle=Data folder
en.DataPageDescription=Where is the commune's (encrypted) data kept on this PC?
en.DataPageIntro=Choose "Per Windows account" when each officer signs in to Windows with their own account and keeps their own data. Choose "Shared by this PC" on a shared office PC: every Windows account opens the same data store (still encrypted, with Xã Số's own accounts and roles).
en.DataPerUser=Per Windows account (%LOCALAPPDATA%\XaSo) — recommended
en.DataShared=Shared by this PC ({commonappdata}\XaSo)
en.DesktopIcon=Create a desktop shortcut
en.RemoveDataQuestion=Also delete Xã Số's DATA on this PC?%n%nFolder: %1%n%nDeleted data cannot be recovered. Answer "Yes" only after a backup and a full sync. Answer "No" to keep the data (recommended).
en.LaunchApp=Start Xã Số

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
Source: "..\..\build\dist\xaso\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Dirs]
; The shared folder: every local user may create and change files (the store is encrypted and
; Xã Số's accounts decide who sees what); only administrators may delete the folder itself.
Name: "{#SharedData}"; Permissions: users-modify; Check: IsSharedData; Flags: uninsneveruninstall

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the file that records the choice; the data folders are handled in [Code].
Type: files; Name: "{app}\data-location.txt"

[Code]
var
  DataPage: TInputOptionWizardPage;

function PreviousChoice(): String;
var
  Text: AnsiString;
begin
  Result := '';
  if LoadStringFromFile(ExpandConstant('{app}\data-location.txt'), Text) then
    Result := Trim(String(Text));
end;

procedure InitializeWizard();
begin
  DataPage := CreateInputOptionPage(wpSelectDir, CustomMessage('DataPageTitle'),
    CustomMessage('DataPageDescription'), CustomMessage('DataPageIntro'), True, False);
  DataPage.Add(CustomMessage('DataPerUser'));
  DataPage.Add(ExpandConstant(CustomMessage('DataShared')));
  DataPage.SelectedValueIndex := 0;
end;

procedure CurPageChanged(CurPageID: Integer);
begin
  { An upgrade keeps the earlier choice: a shared folder stays shared. }
  if (CurPageID = DataPage.ID) and (PreviousChoice() <> '') then
    DataPage.SelectedValueIndex := 1;
end;

function IsSharedData(): Boolean;
begin
  Result := DataPage.SelectedValueIndex = 1;
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep = ssPostInstall then
  begin
    if IsSharedData() then
      SaveStringToFile(ExpandConstant('{app}\data-location.txt'),
        ExpandConstant('{#SharedData}'), False)
    else
      DeleteFile(ExpandConstant('{app}\data-location.txt'));
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folder: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  { Never in a silent uninstall: deleting a commune's records needs a person's explicit yes. }
  if UninstallSilent() then
    Exit;
  Folder := ExpandConstant('{#UserData}');
  if DirExists(ExpandConstant('{#SharedData}')) then
    Folder := ExpandConstant('{#SharedData}');
  if not DirExists(Folder) then
    Exit;
  if MsgBox(FmtMessage(CustomMessage('RemoveDataQuestion'), [Folder]), mbConfirmation,
            MB_YESNO or MB_DEFBUTTON2) = IDYES then
    DelTree(Folder, True, True, True);
end;
