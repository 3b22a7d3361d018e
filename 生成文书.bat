@echo off
rem 双击运行：用 data 文件夹里的活动表格生成全部文书到 output 文件夹。
rem 也可以把活动文件夹拖到本文件上：生成到该文件夹旁边的「输出」文件夹。
chcp 65001 >nul
cd /d "%~dp0"
set PYTHONIOENCODING=utf-8
if "%~1"=="" (
  python pipeline.py build data -o output
) else (
  python pipeline.py build "%~1" -o "%~dp1输出"
)
if errorlevel 1 (
  echo.
  echo 生成失败：请按上面的提示修改表格后再试。
) else (
  echo.
  echo 已完成，文件在 output 文件夹中。
)
pause
