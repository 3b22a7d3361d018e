"""Excel outputs: the ledger workbook (整改台账.xlsx) and the per-department copies (分发/)."""

from hongtou.excel.ledger import ledger_workbook
from hongtou.excel.split import department_workbooks

__all__ = ["department_workbooks", "ledger_workbook"]
